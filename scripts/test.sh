#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine.
#
# The interop tests drive a real headless LibreOffice, so it is installed here
# when missing (Debian/Ubuntu, apt). Extra arguments go to `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v soffice >/dev/null 2>&1; then
  echo "Installing LibreOffice (headless) for the interop tests..." >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq libreoffice-calc-nogui fonts-noto-cjk >/dev/null
fi

cargo test --locked "$@"
