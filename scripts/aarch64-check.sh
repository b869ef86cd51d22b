#!/usr/bin/env bash
# Checks the aarch64 Linux binary of the release (for 飞腾 and 鲲鹏 desktops):
# that it is a static 64-bit ARM executable, and, run under qemu-user, that
# check --format json and merge do on the sample campaign what the x86-64
# binary does, to the byte.
#
# The binaries come from the archives in dist/ (scripts/release.sh builds
# them when missing). Installs qemu-user and the aarch64 binutils when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/install.sh
source scripts/archives.sh

need aarch64-linux-gnu-readelf "the aarch64 binutils" binutils-aarch64-linux-gnu
if ! command -v qemu-aarch64 >/dev/null 2>&1 && ! command -v qemu-aarch64-static >/dev/null 2>&1; then
  echo "Installing qemu-user for the aarch64 check..." >&2
  apt_install qemu-user
fi
qemu="$(command -v qemu-aarch64 || command -v qemu-aarch64-static)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
unpack aarch64-unknown-linux-musl "$work/aarch64"
unpack x86_64-unknown-linux-musl "$work/x86_64"
binary="$work/aarch64/campaign"

header="$(aarch64-linux-gnu-readelf --file-header --program-headers "$binary")"
grep -q 'Class: *ELF64' <<<"$header" && grep -q 'Machine: *AArch64' <<<"$header" ||
  { echo "FAILED: $binary is not a 64-bit ARM executable:" >&2; echo "$header" >&2; exit 1; }
if grep -q 'INTERP' <<<"$header"; then
  echo "FAILED: $binary asks for a dynamic loader, so it is not static" >&2
  exit 1
fi
echo "ok: a static aarch64 executable" >&2

# run ARCH NAME ARGS...: runs the ARCH binary in its copy of the sample
# campaign; what it prints and its exit status go to $work/NAME.ARCH.
run() {
  local arch="$1" name="$2"
  shift 2
  local status=0 command=("$work/$arch/campaign")
  if [ "$arch" = aarch64 ]; then command=("$qemu" "$binary"); fi
  (cd "$work/$arch-sample" && "${command[@]}" "$@") >"$work/$name.$arch" 2>&1 || status=$?
  echo "exit status $status" >>"$work/$name.$arch"
}

for arch in x86_64 aarch64; do sample "$work/$arch-sample"; done
run aarch64 version --version
echo "campaign $version" >"$work/version.expected"
echo "exit status 0" >>"$work/version.expected"
same "--version" "$work/version.expected" "$work/version.aarch64"

for name in check merge; do
  for arch in x86_64 aarch64; do run "$arch" "$name" "$name" --format json --as-of 2021-06-30; done
  same "$name --format json" "$work/$name.x86_64" "$work/$name.aarch64"
done
same_files "merge: the workbooks" "$work/x86_64-sample/out" "$work/aarch64-sample/out"
echo "The aarch64 build under qemu does what the x86-64 build does." >&2
