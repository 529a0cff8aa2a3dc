#!/usr/bin/env bash
# Times `pledgediff diff` against peer diff tools on the same inputs and
# prints one Markdown table (median wall time, ratio to `git diff` on the
# same input, peak RSS).
#
#   scripts/bench-peers.sh
#
# Inputs: the bundled history pair (us-japan-scc 2017-08-17 -> 2019-04-19)
# and synthetic pairs/archives from `cargo run --example generate`
# (deterministic, seed 42). Peers: `git diff --no-index --word-diff`,
# `wdiff`, and Python's difflib.unified_diff over words. Tools missing from
# the machine (hyperfine, wdiff) are installed with apt-get when possible
# and skipped with a message otherwise.
#
# Environment:
#   CARGO_TARGET_DIR  build directory (default: ROOT/target)
#   RUNS              hyperfine runs for fast commands (default 100)
#   SLOW_RUNS         hyperfine runs for slow commands (default 3)
#   SCALE_RUNS        runs of each size for the doubling ratio (default 7)
#   PAIR_ROUNDS       back-to-back rounds for the history-pair ratio (default 5)
#   ALT_RUNS          runs of each command for the alternated history-pair
#                     ratio (examples/alternate.rs; default 500)
#   KEEP_WORK=1       keep the generated inputs (path is printed)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
RUNS=${RUNS:-100}
SLOW_RUNS=${SLOW_RUNS:-3}
SCALE_RUNS=${SCALE_RUNS:-7}
PAIR_ROUNDS=${PAIR_ROUNDS:-5}
ALT_RUNS=${ALT_RUNS:-500}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/bench-peers.XXXXXX")
if [[ ${KEEP_WORK:-0} == 1 ]]; then
    trap 'echo "bench-peers: inputs kept in $WORK" >&2' EXIT
else
    trap 'rm -rf "$WORK"' EXIT
fi

log() { echo "bench-peers: $*" >&2; }

# --- tools -----------------------------------------------------------------

need=()
command -v hyperfine >/dev/null 2>&1 || need+=(hyperfine)
command -v wdiff >/dev/null 2>&1 || need+=(wdiff)
if ((${#need[@]})); then
    sudo=()
    if [[ $(id -u) -ne 0 ]] && command -v sudo >/dev/null 2>&1; then sudo=(sudo -n); fi
    log "installing ${need[*]} with apt-get"
    if command -v apt-get >/dev/null 2>&1 &&
        "${sudo[@]}" apt-get update -qq >/dev/null 2>&1 &&
        DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq hyperfine wdiff >/dev/null 2>&1; then
        log "installed ${need[*]}"
    else
        log "could not install ${need[*]} with apt-get; skipping what needs them"
    fi
fi
if ! command -v hyperfine >/dev/null 2>&1; then
    log "hyperfine is not available; nothing to time (install it and re-run)"
    exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
    log "python3 is not available (needed for the difflib peer and the table); skipping"
    exit 0
fi
HAVE_WDIFF=0
command -v wdiff >/dev/null 2>&1 && HAVE_WDIFF=1
HAVE_SHELL_NONE=0
hyperfine --help 2>/dev/null | grep -qE '^ *-N([ ,]|$)' && HAVE_SHELL_NONE=1
shell_none=()
[[ $HAVE_SHELL_NONE == 1 ]] && shell_none=(-N)
HAVE_TIME=0
[[ -x /usr/bin/time ]] && HAVE_TIME=1
[[ $HAVE_TIME == 1 ]] || log "/usr/bin/time not found; peak RSS will be blank"

# --- build and inputs ------------------------------------------------------

log "building release (CARGO_TARGET_DIR=$TARGET)"
(cd "$ROOT" && CARGO_TARGET_DIR="$TARGET" cargo build --release --quiet --bin pledgediff --example generate --example alternate --example floor)
PD=$TARGET/release/pledgediff
GEN=$TARGET/release/examples/generate
ALT=$TARGET/release/examples/alternate
FLOOR=$TARGET/release/examples/floor

# A statically linked build (`cargo build-static`, static-pie, so
# address-space randomization stays) skips loading libc, libm and libgcc_s
# and libgcc_s's CPU probe at every start. crt-static needs an explicit
# --target (it cannot apply to the host's proc-macros), so it is a
# distribution build beside the plain one, timed in rows of its own.
STATIC_TRIPLE=x86_64-unknown-linux-gnu
PDS=""
if [[ $(rustc -vV 2>/dev/null | awk '/^host:/ {print $2}') == "$STATIC_TRIPLE" ]]; then
    log "building the static release ($STATIC_TRIPLE, crt-static)"
    # The alias is defined in .cargo/config.toml.
    if (cd "$ROOT" && CARGO_TARGET_DIR="$TARGET" cargo build-static --quiet --bin pledgediff); then
        PDS=$TARGET/$STATIC_TRIPLE/release/pledgediff
    else
        log "static build failed; its rows are skipped"
    fi
fi

log "generating inputs in $WORK"
"$GEN" pair "$WORK/p5000" --paragraphs 5000
"$GEN" pair "$WORK/p10000" --paragraphs 10000
"$GEN" archive "$WORK/archive" --statements 500 --paragraphs 100 --series 1

HIST_OLD=$ROOT/history/us-japan-scc/2017-08-17.md
HIST_NEW=$ROOT/history/us-japan-scc/2019-04-19.md

# --- measuring -------------------------------------------------------------

ROWS=$WORK/rows.tsv # label, input, median seconds, peak RSS KiB, ratio group
: >"$ROWS"
n=0

# measure LABEL INPUT RUNS COMMAND: hyperfine median and /usr/bin/time peak RSS.
measure() {
    local label=$1 input=$2 runs=$3 cmd=$4
    n=$((n + 1))
    local json=$WORK/hf-$n.json md=$WORK/hf-$n.md rss="" shell=()
    log "timing [$input] $label"
    # Without a shell hyperfine need not subtract shell start-up, which
    # matters for millisecond commands; an env assignment needs the shell.
    if [[ $HAVE_SHELL_NONE == 1 && ! $cmd =~ ^[A-Z_]+= ]]; then shell=(-N); fi
    # -i: diff tools exit 1 when the files differ.
    hyperfine -i "${shell[@]}" --warmup 1 --runs "$runs" --style basic \
        --export-json "$json" --export-markdown "$md" -- "$cmd" >&2
    if [[ $HAVE_TIME == 1 ]]; then
        /usr/bin/time -v -o "$WORK/time-$n.txt" bash -c "$cmd" >/dev/null 2>&1 || true
        rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time-$n.txt" 2>/dev/null || true)
    fi
    local median
    median=$(python3 -c 'import json,sys,statistics
r=json.load(open(sys.argv[1]))["results"][0]
print(r.get("median") or statistics.median(r["times"]))' "$json")
    printf '%s\t%s\t%s\t%s\n' "$label" "$input" "$median" "$rss" >>"$ROWS"
}

q() { printf '%q' "$1"; }

DIFFLIB='import sys,difflib; a=open(sys.argv[1],encoding="utf-8").read().split(); b=open(sys.argv[2],encoding="utf-8").read().split(); sys.stdout.writelines(l+"\n" for l in difflib.unified_diff(a,b,lineterm=""))'

peers() { # INPUT OLD NEW RUNS SLOW_RUNS
    local input=$1 old new
    old=$(q "$2")
    new=$(q "$3")
    measure "pledgediff diff --format json" "$input" "$4" "$(q "$PD") diff --format json $old $new"
    measure "git diff --no-index --word-diff" "$input" "$4" "git diff --no-index --word-diff $old $new"
    if [[ $HAVE_WDIFF == 1 ]]; then
        measure "wdiff" "$input" "$4" "wdiff $old $new"
    fi
    measure "python3 difflib (words)" "$input" "$5" "python3 -c $(q "$DIFFLIB") $old $new"
}

peers "history pair" "$HIST_OLD" "$HIST_NEW" "$RUNS" "$RUNS"
if [[ -n $PDS ]]; then
    measure "pledgediff diff --format json (static)" "history pair" "$RUNS" \
        "$(q "$PDS") diff --format json $(q "$HIST_OLD") $(q "$HIST_NEW")"
fi
peers "synth 5000 ¶" "$WORK/p5000/old.md" "$WORK/p5000/new.md" "$SLOW_RUNS" "$SLOW_RUNS"
measure "pledgediff diff --format json" "synth 10000 ¶" "$SLOW_RUNS" \
    "$(q "$PD") diff --format json $(q "$WORK/p10000/old.md") $(q "$WORK/p10000/new.md")"
measure "git diff --no-index --word-diff" "synth 10000 ¶" "$SLOW_RUNS" \
    "git diff --no-index --word-diff $(q "$WORK/p10000/old.md") $(q "$WORK/p10000/new.md")"
measure "pledgediff --version" "-" "$RUNS" "$(q "$PD") --version"
if [[ -n $PDS ]]; then
    measure "pledgediff --version (static)" "-" "$RUNS" "$(q "$PDS") --version"
fi

NOTES=$WORK/notes.txt
: >"$NOTES"

# Doubling: both sizes timed back to back (a noisy spell on a shared
# machine then hits both), ratio of medians and of mean CPU time.
log "timing the doubling (5000 and 10000 ¶ back to back)"
hyperfine -i "${shell_none[@]}" --warmup 1 --runs "$SCALE_RUNS" --style basic \
    --export-json "$WORK/scale.json" -- \
    "$(q "$PD") diff --format json $(q "$WORK/p5000/old.md") $(q "$WORK/p5000/new.md")" \
    "$(q "$PD") diff --format json $(q "$WORK/p10000/old.md") $(q "$WORK/p10000/new.md")" >&2
python3 - "$WORK/scale.json" "$SCALE_RUNS" >>"$NOTES" <<'PY'
import json, statistics, sys
a, b = json.load(open(sys.argv[1]))["results"]
wall = statistics.median(b["times"]) / statistics.median(a["times"])
cpu = (b["user"] + b["system"]) / (a["user"] + a["system"])
print(f"pledgediff diff doubling ratio (10000 ¶ / 5000 ¶, back to back, {sys.argv[2]} runs each): "
      f"{wall:.2f} in wall time, {cpu:.2f} in CPU time")
PY
# The history-pair target is a ratio of two millisecond timings; rows taken
# minutes apart on a shared machine move it by a third. Each round times
# pledgediff and git back to back in one hyperfine call; the note gives
# the median ratio over the rounds and their range.
log "timing the history pair against git, back to back ($PAIR_ROUNDS rounds)"
pair_cmds=("$(q "$PD") diff --format json $(q "$HIST_OLD") $(q "$HIST_NEW")")
[[ -n $PDS ]] && pair_cmds+=("$(q "$PDS") diff --format json $(q "$HIST_OLD") $(q "$HIST_NEW")")
pair_cmds+=("git diff --no-index --word-diff $(q "$HIST_OLD") $(q "$HIST_NEW")")
for r in $(seq "$PAIR_ROUNDS"); do
    hyperfine -i "${shell_none[@]}" --warmup 10 --runs "$RUNS" --style basic \
        --export-json "$WORK/pair-$r.json" -- "${pair_cmds[@]}" >&2
done
python3 - "$WORK" "$PAIR_ROUNDS" "$RUNS" >>"$NOTES" <<'PY'
import json, statistics, sys
work, rounds, runs = sys.argv[1], int(sys.argv[2]), sys.argv[3]
ratios = {}
for r in range(1, rounds + 1):
    res = json.load(open(f"{work}/pair-{r}.json"))["results"]
    git = statistics.median(res[-1]["times"])
    for x in res[:-1]:
        label = "static build" if len(res) == 3 and x is res[1] else "pledgediff"
        ratios.setdefault(label, []).append(statistics.median(x["times"]) / git)
for label, v in ratios.items():
    print(f"history pair, {label} / git diff back to back ({rounds} rounds of {runs} runs): "
          f"median ratio {statistics.median(v):.2f} (rounds {min(v):.2f}–{max(v):.2f})")
PY
# Steadier still: the commands run in turn (pledgediff, static build, git,
# pledgediff, …), so every one of them is timed in the same minutes.
log "timing the history pair against git, alternated ($ALT_RUNS runs each)"
alt_cmds=(-- "$PD" diff --format json "$HIST_OLD" "$HIST_NEW")
[[ -n $PDS ]] && alt_cmds+=(-- "$PDS" diff --format json "$HIST_OLD" "$HIST_NEW")
alt_cmds+=(-- git diff --no-index --word-diff "$HIST_OLD" "$HIST_NEW")
"$ALT" "$ALT_RUNS" "${alt_cmds[@]}" >"$WORK/alternate.tsv"
python3 - "$WORK/alternate.tsv" "$ALT_RUNS" >>"$NOTES" <<'PY'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
git = float(rows[-1][0])
for k, row in enumerate(rows[:-1]):
    label = "static build" if len(rows) == 3 and k == 1 else "pledgediff"
    print(f"history pair, {label} / git diff alternated ({sys.argv[2]} runs each): "
          f"ratio {float(row[0]) / git:.2f} ({float(row[0]):.2f} against {git:.2f} ms; "
          f"quartiles {row[1]}–{row[2]} against {rows[-1][1]}–{rows[-1][2]} ms)")
PY
# The floor under the target: the least a semantic diff must do
# (examples/floor.rs: start up, read, split into words, patience-diff them,
# stem each distinct word), timed in turn with git and with pledgediff.
log "timing the floor (examples/floor.rs) against git, alternated ($ALT_RUNS runs each)"
"$ALT" "$ALT_RUNS" -- "$FLOOR" start "$HIST_OLD" "$HIST_NEW" \
    -- "$FLOOR" stem "$HIST_OLD" "$HIST_NEW" \
    -- "$PD" --version \
    -- git diff --no-index --word-diff "$HIST_OLD" "$HIST_NEW" >"$WORK/floor.tsv"
python3 - "$WORK/floor.tsv" "$ALT_RUNS" >>"$NOTES" <<'PY'
import sys
start, stem, version, git = (float(l.split("\t")[0]) for l in open(sys.argv[1]))
print(f"history pair, floor alternated ({sys.argv[2]} runs each): an empty Rust process "
      f"{start:.2f} ms, `pledgediff --version` {version:.2f} ms, words patience-diffed and "
      f"stemmed and nothing else {stem:.2f} ms ({stem / git:.2f}× git), git {git:.2f} ms")
PY
if "$PD" report --help >/dev/null 2>&1; then
    for t in 1 2; do
        measure "RAYON_NUM_THREADS=$t pledgediff report --format json" "archive 500×100 ¶" "$SLOW_RUNS" \
            "RAYON_NUM_THREADS=$t $(q "$PD") report --format json $(q "$WORK/archive")"
        RAYON_NUM_THREADS=$t "$PD" report --format json "$WORK/archive" >"$WORK/report-$t.json" 2>"$WORK/report-$t.err" || true
    done
    if [[ -s $WORK/report-1.json ]] && cmp -s "$WORK/report-1.json" "$WORK/report-2.json"; then
        echo "report output with RAYON_NUM_THREADS=1 and =2: byte-identical ($(wc -c <"$WORK/report-1.json") bytes)" >>"$NOTES"
    elif [[ ! -s $WORK/report-1.json ]]; then
        echo "report output with RAYON_NUM_THREADS=1 is empty: $(head -c 300 "$WORK/report-1.err")" >>"$NOTES"
    else
        echo "report output with RAYON_NUM_THREADS=1 and =2: DIFFERENT ($(cmp "$WORK/report-1.json" "$WORK/report-2.json" 2>&1 | head -1))" >>"$NOTES"
    fi
else
    echo "pledgediff report: not available (\`pledgediff report --help\` failed); archive timing skipped" >>"$NOTES"
fi

# --- table -----------------------------------------------------------------

CPU=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)
echo
echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC') · nproc: $(nproc) · CPU: ${CPU:-unknown} · pledgediff $("$PD" --version 2>/dev/null | awk '{print $NF}') · hyperfine $(hyperfine --version | awk '{print $NF}')"
echo
python3 - "$ROWS" "$NOTES" <<'PY'
import sys

rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
git = {r[1]: float(r[2]) for r in rows if r[0].startswith("git diff")}

def fmt_time(s):
    if s >= 1:
        return f"{s:.2f} s"
    if s >= 1e-3:
        return f"{s * 1e3:.1f} ms"
    return f"{s * 1e6:.0f} µs"

print("| command | input | median | vs git diff | peak RSS MB |")
print("|---|---|---:|---:|---:|")
for label, inp, med, rss in rows:
    med = float(med)
    ratio = f"{med / git[inp]:.1f}×" if inp in git else "—"
    mb = f"{int(rss) / 1024:.1f}" if rss.strip().isdigit() else ""
    print(f"| `{label}` | {inp} | {fmt_time(med)} | {ratio} | {mb} |")

notes = [l.strip() for l in open(sys.argv[2], encoding="utf-8") if l.strip()]
if notes:
    print()
    for n in notes:
        print(f"- {n}")
PY
