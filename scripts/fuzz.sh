#!/usr/bin/env bash
# Fuzzes the two ways bad input comes in, one after the other, for SECONDS
# seconds each (default 30): the whole reading path of one workbook from its
# bytes (fuzz/fuzz_targets/workbook.rs) and the campaign.toml loader
# (fuzz/fuzz_targets/definition.rs). Exits non-zero on the first finding; the
# input that caused it is written to fuzz/artifacts/<target>/.
#
# Needs a nightly toolchain and cargo-fuzz:
#   rustup toolchain install nightly && cargo install cargo-fuzz
# The long run before a release: scripts/fuzz.sh 600
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"

# The corpora grow in fuzz/corpus/<target>/ (not committed). An empty one is
# seeded with what the targets are made for: the forms of the sample campaign
# (as xlsx, and as xls and ods where LibreOffice can convert them) and their parts behind the byte that tells the workbook target what follows
# (S a sheet, T shared strings, W the workbook part, O an ods's content), and
# the definitions.
seed_workbooks() {
  local corpus=fuzz/corpus/workbook
  mkdir -p "$corpus"
  [ -z "$(ls -A "$corpus")" ] || return 0
  local n=0 form part tag
  while IFS= read -r -d '' form; do
    n=$((n + 1))
    cp "$form" "$corpus/form-$n"
    for part in xl/worksheets/sheet1.xml:S xl/sharedStrings.xml:T xl/workbook.xml:W; do
      tag="${part##*:}"
      # Some sample files are no zip (a password-protected one): raw seeds only.
      { printf '%s' "$tag"; unzip -p "$form" "${part%:*}" 2>/dev/null; } > "$corpus/$tag-$n" \
        || rm -f "$corpus/$tag-$n"
    done
  done < <(find templates submissions -name '*.xlsx' -print0 | sort -z)
  # The same form as xls and ods, where LibreOffice is installed (scripts/test.sh installs it).
  if command -v soffice >/dev/null 2>&1; then
    local profile
    profile="$(mktemp -d)"
    for format in xls ods; do
      LANG=C.UTF-8 soffice -env:UserInstallation="file://$profile" --headless --norestore \
        --convert-to "$format" --outdir "$profile/out" templates/附件3-*.xlsx >/dev/null 2>&1 \
        && cp "$profile"/out/*."$format" "$corpus/form.$format" || true
    done
    rm -rf "$profile"
  fi
  printf '%s' 'O<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="附件1"><table:table-row><table:table-cell office:value-type="string"><text:p>填报单位：党建室</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="3"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>' \
    > "$corpus/O-1"
}

seed_definitions() {
  local corpus=fuzz/corpus/definition
  mkdir -p "$corpus"
  [ -z "$(ls -A "$corpus")" ] || return 0
  cp campaign.toml "$corpus/sample.toml"
  cp src/definition/default.toml "$corpus/default.toml"
}

seed_workbooks
seed_definitions
for target in workbook definition; do
  echo "Fuzzing $target for ${seconds}s..." >&2
  cargo +nightly fuzz run "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
done
