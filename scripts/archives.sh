# Sourced by the scripts that run the binaries of the release archives
# (windows-smoke.sh, aarch64-check.sh): the archives themselves, the sample
# campaign they are run on, and comparing what two builds did. Those scripts
# keep their temporary files in $work.

version="$(cargo pkgid | sed 's/.*[#@]//')"

# unpack TARGET DIR: unpacks the archive of TARGET from dist/ into DIR (the
# binary and its notes, directly), running scripts/release.sh first when
# dist/ lacks it, so that what is tested is what ships.
unpack() {
  local target="$1" dir="$2"
  local archive="dist/campaign-$version-$target"
  if [ ! -e "$archive.zip" ] && [ ! -e "$archive.tar.gz" ]; then
    scripts/release.sh >/dev/null
  fi
  mkdir -p "$dir"
  if [ -e "$archive.zip" ]; then
    python3 -m zipfile -e "$archive.zip" "$dir"
  else
    tar -xzf "$archive.tar.gz" -C "$dir" --strip-components=1
  fi
}

# sample DIR: the repository's sample campaign (campaign.toml and
# submissions/ as committed) in DIR, a folder in no repository, every file
# modified on 2021-06-25 at 10:00, so that a check at the end of June finds
# the files the ledger does not date received on time.
sample() {
  local dir="$1"
  mkdir -p "$dir"
  git archive HEAD campaign.toml submissions | tar -x -C "$dir"
  find "$dir" -exec touch -d "2021-06-25T10:00:00+08:00" {} +
}

# same WHAT EXPECTED ACTUAL: fails, showing the difference, unless the two
# files hold the same bytes.
same() {
  if ! cmp -s "$2" "$3"; then
    echo "FAILED: $1 differs:" >&2
    diff -u "$2" "$3" >&2 || true
    exit 1
  fi
  echo "ok: $1" >&2
}

# same_files WHAT EXPECTED_DIR ACTUAL_DIR: fails unless both folders hold the
# same files with the same bytes, workbooks part by part: the zip library
# records in each part's header the system that wrote it (Unix or Windows),
# and that is all that may differ between two builds' workbooks.
same_files() {
  digests "$2" >"$work/$1.expected-files"
  digests "$3" >"$work/$1.actual-files"
  same "$1: files" "$work/$1.expected-files" "$work/$1.actual-files"
}

# digests DIR: the sha256 of every file below DIR, or of every part of a
# workbook, one a line, in a fixed order.
digests() {
  python3 - "$1" <<'EOF'
import hashlib, os, sys, zipfile

root = sys.argv[1]
found = sorted(os.path.relpath(os.path.join(d, f), root) for d, _, files in os.walk(root) for f in files)
for path in found:
    if not path.endswith(".xlsx"):
        with open(os.path.join(root, path), "rb") as file:
            print(hashlib.sha256(file.read()).hexdigest(), path)
        continue
    with zipfile.ZipFile(os.path.join(root, path)) as book:
        for part in book.infolist():
            print(hashlib.sha256(book.read(part)).hexdigest(), f"{path}: {part.filename}")
EOF
}
