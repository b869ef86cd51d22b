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
source scripts/install.sh

need soffice "LibreOffice (headless) for the interop tests" libreoffice-calc-nogui fonts-noto-cjk
# The 汇编 tests convert Word documents, which needs LibreOffice Writer.
need /usr/lib/libreoffice/program/libswlo.so "LibreOffice Writer (headless) for the 汇编 tests" \
  libreoffice-writer-nogui fonts-noto-cjk
need pdfinfo "poppler-utils (pdfinfo, pdftotext) for the print tests" poppler-utils
need chromium "Chromium (headless) for the status page tests" chromium fonts-noto-cjk
need groff "groff for the manual page test" groff-base

cargo test --locked "$@"
