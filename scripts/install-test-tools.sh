#!/usr/bin/env bash
# Debian packages the tests need, installed with apt-get only when missing:
# - Chromium for the browser tests, driven through Playwright (never `playwright install`);
# - Java for the Nu HTML Checker (npm's vnu-jar; package.json denies its own Java download);
# - jq, which stands in for gh's --jq in the preview comment's test, and ShellCheck, which
#   actionlint runs on the workflows' scripts (both are on GitHub's runners).
set -euo pipefail
packages=()
if [ ! -x /usr/bin/chromium ]; then
  packages+=(chromium fonts-liberation)
fi
if ! command -v java >/dev/null 2>&1; then
  packages+=(default-jre-headless)
fi
if ! command -v jq >/dev/null 2>&1; then
  packages+=(jq)
fi
if ! command -v shellcheck >/dev/null 2>&1; then
  packages+=(shellcheck)
fi
if [ "${#packages[@]}" -eq 0 ]; then
  exit 0
fi
echo "Installing Debian's ${packages[*]} for the tests..."
"$(dirname "$0")/apt-install.sh" "${packages[@]}"
/usr/bin/chromium --version
java -version
