#!/usr/bin/env bash
# Builds the release archives of the commit checked out into dist/:
#
#   campaign-<version>-x86_64-pc-windows-gnu.zip          Windows 10 or later, 64-bit
#   campaign-<version>-x86_64-unknown-linux-musl.tar.gz   any 64-bit x86 Linux (static)
#   campaign-<version>-aarch64-unknown-linux-musl.tar.gz  any 64-bit ARM Linux (static)
#   SHA256SUMS
#
# Each archive holds the binary, 使用说明.txt and LICENSE.txt, nothing else.
# Two builds of the same commit give the same bytes: the binaries carry no
# path of the build machine and no time of the build, and every archive entry
# has the commit's time, no owner and a fixed order.
#
# With --check-reproducible it then compiles campaign and mimalloc again for
# every target and fails unless the archives come out byte for byte the same.
#
# Installs what it needs when missing (Debian/Ubuntu): the three Rust targets
# (rustup), the C compilers and linkers of the targets (mingw-w64, musl-gcc,
# the aarch64 cross compiler), and Python (which writes the archives, see
# scripts/archive.py).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/install.sh

targets=(x86_64-pc-windows-gnu x86_64-unknown-linux-musl aarch64-unknown-linux-musl)
need_target "${targets[@]}"
need x86_64-w64-mingw32-gcc "mingw-w64 (the Windows C compiler and linker)" gcc-mingw-w64-x86-64
need musl-gcc "musl-tools (the C compiler for x86-64 musl)" musl-tools
need aarch64-linux-gnu-gcc "the aarch64 cross compiler and linker" gcc-aarch64-linux-gnu
need /usr/aarch64-linux-gnu/include/stdio.h "the aarch64 C headers" libc6-dev-arm64-cross
need python3 "Python (writes the archives)" python3

version="$(cargo pkgid | sed 's/.*[#@]//')"
epoch="$(git log -1 --format=%ct)"
# mimalloc prints the day and time it was compiled (__DATE__, __TIME__) among
# its options; the C compiler takes the commit's instead.
export SOURCE_DATE_EPOCH="$epoch"
# mimalloc, the allocator, is C. Rust ships musl's C library and start files
# for both Linux targets; Debian has musl's headers for the machine's own
# processor only, so for aarch64 mimalloc is compiled against glibc's, whose
# interfaces it uses (mmap, madvise, thread keys, errno) musl gives alike.
export CC_x86_64_unknown_linux_musl=musl-gcc
export CC_aarch64_unknown_linux_musl=aarch64-linux-gnu-gcc
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_MUSL_LINKER=aarch64-linux-gnu-gcc
unset RUSTFLAGS

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
# Notepad before Windows 10 version 1903 reads a file without a byte-order
# mark in the local code page, and before 1809 shows LF-only lines as one.
{ printf '\xef\xbb\xbf'; sed 's/$/\r/' docs/使用说明.txt; } >"$stage/使用说明.txt"
sed 's/$/\r/' LICENSE >"$stage/LICENSE.txt"

# build TARGET: compiles the binary of TARGET with the paths of this machine
# (the source folder, cargo's home) replaced by fixed ones, and for Windows
# without the link time in the executable's header.
build() {
  local target="$1"
  local flags=(
    "--remap-path-prefix=$PWD=/campaign"
    "--remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}=/cargo"
  )
  if [[ "$target" == *windows* ]]; then flags+=("-Clink-arg=-Wl,--no-insert-timestamp"); fi
  CARGO_ENCODED_RUSTFLAGS="$(IFS=$'\x1f'; echo "${flags[*]}")" \
    cargo build --locked --quiet --profile dist --target "$target"
}

# release: builds every target and writes its archive and the checksums into dist/.
release() {
  rm -rf dist
  mkdir dist
  for target in "${targets[@]}"; do
    echo "Building $target..." >&2
    build "$target"
    local binary=campaign archive="dist/campaign-$version-$target.tar.gz"
    if [[ "$target" == *windows* ]]; then
      binary=campaign.exe
      archive="dist/campaign-$version-$target.zip"
    fi
    python3 scripts/archive.py "$archive" "$epoch" \
      "$binary=target/$target/dist/$binary" \
      "使用说明.txt=$stage/使用说明.txt" \
      "LICENSE.txt=$stage/LICENSE.txt"
  done
  (cd dist && LC_ALL=C sha256sum -- campaign-* >SHA256SUMS)
}

release
if [ "${1:-}" = "--check-reproducible" ]; then
  cp dist/SHA256SUMS "$stage/first"
  for target in "${targets[@]}"; do
    cargo clean --quiet --profile dist --target "$target" --package campaign --package libmimalloc-sys
  done
  release
  if ! diff -u "$stage/first" dist/SHA256SUMS; then
    echo "The second build differs from the first (above): the archives are not reproducible." >&2
    exit 1
  fi
  echo "Built twice, byte for byte the same." >&2
fi
cat dist/SHA256SUMS
