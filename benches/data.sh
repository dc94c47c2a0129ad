#!/usr/bin/env bash
# Export and import of the generated journal of SIZE entries, as a user runs
# them (the release binary, process start included): wall time and peak
# resident memory (/usr/bin/time's maximum RSS, the kernel's VmHWM), beside
# SQLite's own `sqlite3 .dump` and a bulk load of that dump into an empty
# file, and the journal's size against the text it holds.
# Run: bash benches/data.sh [SIZE]   (after `cargo bench --bench search`,
# which generates target/bench-journals/journal-SIZE.db; needs sqlite3 and
# GNU time). Each file it writes goes to a scratch folder, removed after.
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-100000}"
journal="target/bench-journals/journal-$size.db"
binary="target/release/rapport"
[[ -f "$journal" ]] || { echo "no $journal: run \`cargo bench --bench search\` first" >&2; exit 2; }
[[ -x "$binary" ]] || cargo build --release --locked
work="$(mktemp -d "${TMPDIR:-/tmp}/rapport-data-XXXXXX")"
trap 'rm -rf "$work"' EXIT
export RAPPORT_TODAY=2026-11-24 XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
measure() { # label, command…: one line with wall seconds and peak MiB
    local label="$1"
    shift
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || {
        cat "$work/err" >&2
        exit 1
    }
    read -r wall kb <"$work/time"
    printf '%-44s %8.2f s %8d MiB\n' "$label" "$wall" "$((kb / 1024))"
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
bytes=$(stat -c %s "$journal")
text=$(sqlite3 "$journal" "SELECT sum(length(CAST(title AS BLOB)) + length(CAST(notes AS BLOB))) FROM interaction")
tags=$(sqlite3 "$journal" "SELECT coalesce(sum(length(CAST(tag AS BLOB)) + 1), 0) FROM interaction_tag")
echo "journal-$size.db: $((bytes / 1048576)) MiB, text (titles, notes, tags) $(((text + tags) / 1048576)) MiB: $(awk "BEGIN {printf \"%.1f\", $bytes / ($text + $tags)}")x"
measure "rapport export --format json --out" "$binary" --db "$journal" export --format json --out "$work/export.json"
measure "sqlite3 .dump" sh -c "sqlite3 '$journal' .dump > '$work/dump.sql'"
rm -f "$work/dump.db"
measure "sqlite3 bulk load of the dump" sh -c "sqlite3 '$work/dump.db' < '$work/dump.sql'"
rm -f "$work/dump.sql" "$work/dump.db"
measure "rapport import (its own JSON, empty journal)" "$binary" --db "$work/imported.db" import "$work/export.json"
