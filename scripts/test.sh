#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine.
#
# The interop tests drive a real headless LibreOffice and read the PDFs it
# prints with poppler (pdfinfo, pdftotext); the status page tests open the
# page in headless Chromium; the manual page is typeset with groff. Each is
# installed here when missing (Debian/Ubuntu, apt). Extra arguments go to
# `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
updated=""
apt_install() {
  if [ -z "$updated" ]; then
    $sudo apt-get update -qq
    updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

if ! command -v soffice >/dev/null 2>&1; then
  echo "Installing LibreOffice (headless) for the interop tests..." >&2
  apt_install libreoffice-calc-nogui fonts-noto-cjk
fi
# The 汇编 tests convert Word documents, which needs LibreOffice Writer.
if [ ! -e /usr/lib/libreoffice/program/libswlo.so ]; then
  echo "Installing LibreOffice Writer (headless) for the 汇编 tests..." >&2
  apt_install libreoffice-writer-nogui fonts-noto-cjk
fi
if ! command -v pdfinfo >/dev/null 2>&1; then
  echo "Installing poppler-utils (pdfinfo, pdftotext) for the print tests..." >&2
  apt_install poppler-utils
fi
if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Chromium (headless) for the status page tests..." >&2
  apt_install chromium fonts-noto-cjk
fi
if ! command -v groff >/dev/null 2>&1; then
  echo "Installing groff for the manual page test..." >&2
  apt_install groff-base
fi

cargo test --locked "$@"
