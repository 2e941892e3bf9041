#!/usr/bin/env bash
# Install Debian packages quietly, as root or through sudo: scripts/apt-install.sh PACKAGE...
set -euo pipefail
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
