#!/usr/bin/env bash
# Runs the Windows binary of the release under Wine and checks that it does
# what the Linux binary does on the same folders, both on a computer without
# git (Wine's PATH holds none, and the Linux binary is given an empty one):
# init and templates (what they print and every file they write), explain of
# a sample form, check --format json on a folder in no repository, receive
# (the ledger it writes, which the Linux binary then reads alike), merge (its
# JSON and its workbooks, byte for byte), and in a repository the message
# that names Git for Windows. Then it holds the rollup open as Excel does and
# checks that merge keeps it, writes the other books and says which to close.
#
# The binaries come from the archives in dist/ (scripts/release.sh builds
# them when missing): what is tested is what ships. Installs Wine (wine64)
# and mingw-w64 when missing. Debian's Wine 8 lacks bcryptprimitives.dll,
# which Rust's standard library asks for ProcessPrng; a stand-in built here
# from scripts/wine/bcryptprimitives.c (it forwards to SystemFunction036 in
# advapi32) makes the binary start. It is a test fixture, like
# scripts/wine/hold.c, and never ships.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/install.sh
source scripts/archives.sh

if [ ! -x /usr/lib/wine/wine64 ] && ! command -v wine64 >/dev/null 2>&1; then
  echo "Installing Wine for the Windows smoke test..." >&2
  apt_install wine64
fi
wine="$(command -v wine64 || echo /usr/lib/wine/wine64)"
wineserver="$(command -v wineserver || echo /usr/lib/wine/wineserver)"
need x86_64-w64-mingw32-gcc "mingw-w64 (the Wine fixtures)" gcc-mingw-w64-x86-64
need python3 "Python (unpacks the archives)" python3

# Outside every repository: a folder below this one would be in one.
work="$(mktemp -d)"
export WINEPREFIX="$work/wine" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
cleanup() {
  "$wineserver" -k 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

bin="$work/bin"
unpack x86_64-pc-windows-gnu "$bin/windows"
unpack x86_64-unknown-linux-musl "$bin/linux"
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$bin/windows/bcryptprimitives.dll" \
  scripts/wine/bcryptprimitives.c -ladvapi32
x86_64-w64-mingw32-gcc -municode -O2 -s -o "$bin/hold.exe" scripts/wine/hold.c
echo "Starting Wine..." >&2
"$wine" wineboot --init >/dev/null 2>&1
mkdir "$work/no-git"

# run BUILD DIR NAME ARGS...: runs the linux or windows binary with ARGS in
# DIR; what it prints and its exit status go to $work/NAME.BUILD.{out,err,status}.
run() {
  local build="$1" dir="$2" name="$3"
  shift 3
  local status=0 out="$work/$name.$build"
  if [ "$build" = windows ]; then
    (cd "$dir" && "$wine" "$bin/windows/campaign.exe" "$@") >"$out.out" 2>"$out.err" || status=$?
  else
    (cd "$dir" && PATH="$work/no-git" "$bin/linux/campaign" "$@") >"$out.out" 2>"$out.err" || status=$?
  fi
  echo "$status" >"$out.status"
}

# both LINUX_DIR WINDOWS_DIR NAME ARGS...: runs both binaries, each in its
# folder, and fails unless they printed the same and exited alike.
both() {
  local linux_dir="$1" windows_dir="$2" name="$3"
  shift 3
  run linux "$linux_dir" "$name" "$@"
  run windows "$windows_dir" "$name" "$@"
  for part in status out err; do
    same "$name: $part" "$work/$name.linux.$part" "$work/$name.windows.$part"
  done
}

# expect NAME STATUS: fails unless the Windows binary (and so the Linux one)
# exited with STATUS.
expect() {
  echo "$2" >"$work/$1.expected-status"
  same "$1: exit status" "$work/$1.expected-status" "$work/$1.windows.status"
}

mkdir "$work/linux" "$work/windows"
both "$work/linux" "$work/windows" init init 活动
same_files init "$work/linux/活动" "$work/windows/活动"
both "$work/linux/活动" "$work/windows/活动" templates templates
same_files templates "$work/linux/活动" "$work/windows/活动"

# Without its ledger, so that every file is dated by its modification time.
sample "$work/sample"
rm "$work/sample/submissions/received.toml"
both "$work/sample" "$work/sample" explain explain submissions/党建室/附件1-联络员表.xlsx
both "$work/sample" "$work/sample" check check --format json --as-of 2021-06-30
expect check 1
grep -q '"received_via": "mtime"' "$work/check.windows.out" ||
  { echo "FAILED: check did not go by modification times" >&2; exit 1; }

# One folder for each binary from here on: these commands write.
for build in linux windows; do
  sample "$work/$build-sample"
  mkdir "$work/$build-sample/下载"
  mv "$work/$build-sample/submissions/照明所/附件1-联络员表.xlsx" "$work/$build-sample/下载/照明所联络员表.xlsx"
done
both "$work/linux-sample" "$work/windows-sample" receive \
  receive 下载/照明所联络员表.xlsx --via wechat --at 2021-06-02T09:00:00+08:00
expect receive 0
same "receive: the ledger" "$work/linux-sample/submissions/received.toml" "$work/windows-sample/submissions/received.toml"
both "$work/windows-sample" "$work/windows-sample" "ledger written on Windows" \
  check --format json --as-of 2021-06-30

both "$work/linux-sample" "$work/windows-sample" merge merge --format json --as-of 2021-06-30
expect merge 0
same_files merge "$work/linux-sample/out" "$work/windows-sample/out"

sample "$work/repository"
git -C "$work/repository" init -q
git -C "$work/repository" add -A
GIT_COMMITTER_DATE="2021-06-25T10:00:00+08:00" git -C "$work/repository" \
  -c user.name="委办公室" -c user.email="office@example.com" commit -q -m "活动材料"
both "$work/repository" "$work/repository" "check without git" check
expect "check without git" 2
grep -q '^找不到 git：这台电脑没有安装 git' "$work/check without git.windows.err" ||
  { echo "FAILED: check without git did not say so" >&2; exit 1; }
both "$work/repository" "$work/repository" "merge without git" merge --format json --out 汇总
expect "merge without git" 0

# The rollup open in Excel: what merge at June 10 writes, but for the rollup,
# which keeps what the merge at June 30 wrote.
run linux "$work/linux-sample" "merge at June 10" merge --as-of 2021-06-10 --out 六月十日
rollup="附件3-活动进展情况汇总表.xlsx"
cp -r "$work/windows-sample/out" "$work/expected"
cp "$work/linux-sample/六月十日/"{附件1-联络员汇总表,附件2-重点活动计划汇总表,报送情况}.xlsx \
  "$work/linux-sample/六月十日/活动综合情况汇编.docx" "$work/expected/"
if cmp -s "$work/expected/$rollup" "$work/linux-sample/六月十日/$rollup"; then
  echo "FAILED: the rollups at June 10 and June 30 are the same, so keeping one proves nothing" >&2
  exit 1
fi
(cd "$work/windows-sample" && "$wine" "$bin/hold.exe" "out\\$rollup" held) &
holder=$!
for _ in $(seq 600); do
  if [ -e "$work/windows-sample/held" ]; then break; fi
  sleep 0.1
done
run windows "$work/windows-sample" "merge with the rollup open" merge --as-of 2021-06-10
rm "$work/windows-sample/held"
wait "$holder"
open="Z:$(tr / '\\' <<<"$work/windows-sample/out/$rollup")"
echo "无法替换 $open：正在 Excel 或 WPS 中打开（或是只读文件），保留了原有的内容。本次的其余 4 个文件已写入（附件1-联络员汇总表.xlsx、附件2-重点活动计划汇总表.xlsx、报送情况.xlsx、活动综合情况汇编.docx）。请关闭后重新运行。" >"$work/held.expected"
same "merge with the rollup open: message" "$work/held.expected" "$work/merge with the rollup open.windows.err"
expect "merge with the rollup open" 2
same_files "merge with the rollup open" "$work/expected" "$work/windows-sample/out"

echo "The Windows build under Wine does what the Linux build does." >&2
