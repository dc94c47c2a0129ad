#!/usr/bin/env bash
# Peak resident memory of the real TUI (DESIGN.md §9: ≤ 30 MB at 100k
# entries): rapport runs in a 120×40 pseudo-terminal (tmux) on a copy of the
# generated 100k journal, scrolls down through 1,000 rows, switches through
# every screen, then its VmHWM is read from /proc.
# Run: bash benches/rss.sh [SIZE]   (after `cargo bench --bench frames`,
# which generates target/bench-journals/journal-SIZE.db, and a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-100000}"
journal="target/bench-journals/journal-$size.db"
binary="target/release/rapport"
[[ -f "$journal" ]] || { echo "no $journal: run \`cargo bench --bench frames\` first" >&2; exit 2; }
[[ -x "$binary" ]] || cargo build --release --locked
work="$(mktemp -d)"
session="rapport-rss-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT
cp "$journal" "$work/journal.db"
# First open of a copy checks every page (nothing sealed it yet): do it outside.
RAPPORT_TODAY=2026-11-24 XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" \
    "$binary" --db "$work/journal.db" list --json >/dev/null
tmux new-session -d -s "$session" -x 120 -y 40 \
    "env RAPPORT_TODAY=2026-11-24 XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data $binary --db $work/journal.db"
sleep 1
pid="$(tmux list-panes -t "$session" -F '#{pane_pid}')"
for _ in $(seq 1 20); do
    tmux send-keys -t "$session" $(printf 'j %.0s' $(seq 1 50))
    sleep 0.2
done
for screen in 2 3 4 5 1; do
    tmux send-keys -t "$session" "$screen"
    sleep 0.5
done
sleep 0.5
# The pane's process is rapport itself (exec'd by sh, then env).
[[ "$(cat "/proc/$pid/comm")" == rapport ]] || { echo "pane $pid is not rapport" >&2; exit 1; }
grep -E 'VmHWM|VmRSS' "/proc/$pid/status"
tmux capture-pane -p -t "$session" | sed -n '3,4p'
hwm_kb="$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")"
echo "peak resident memory at $size entries after 1,000 rows: $((hwm_kb / 1024)) MiB"
