#!/usr/bin/env bash
# Debian packages the tests need, installed with apt-get only when missing:
# - Chromium for the browser tests, driven through Playwright (never `playwright install`);
# - Java for the Nu HTML Checker (npm's vnu-jar; package.json denies its own Java download).
set -euo pipefail
packages=()
if [ ! -x /usr/bin/chromium ]; then
  packages+=(chromium fonts-liberation)
fi
if ! command -v java >/dev/null 2>&1; then
  packages+=(default-jre-headless)
fi
if [ "${#packages[@]}" -eq 0 ]; then
  exit 0
fi
echo "Installing Debian's ${packages[*]} for the tests..."
"$(dirname "$0")/apt-install.sh" "${packages[@]}"
/usr/bin/chromium --version
java -version
