#!/bin/sh
# Builds fuzz/corpus/<target>/ (gitignored) from the committed seeds in
# fuzz/seeds/<target>/ plus the statements, fixtures and data files in the
# repository. Safe to re-run: files are only added or overwritten.
# Usage: fuzz/seed-corpus.sh   (from any directory)
set -eu
cd "$(dirname "$0")"
R=..
for t in normalize front_matter diff rules lexicon html; do
    mkdir -p "corpus/$t"
    cp seeds/$t/* "corpus/$t/"
done
# Statements: history archive, gold fixtures, page fixtures.
for f in $R/history/*/*.md $R/tests/fixtures/gold/*/*.md $R/tests/fixtures/pages/*.txt $R/tests/fixtures/pages/*.html; do
    [ -f "$f" ] || continue
    n=$(echo "$f" | sed "s|^$R/||; s|/|_|g")
    cp "$f" "corpus/normalize/$n"
    cp "$f" "corpus/front_matter/$n"
done
# Pages for the HTML reader.
for f in $R/tests/fixtures/pages/*.html; do
    [ -f "$f" ] || continue
    cp "$f" "corpus/html/$(basename "$f")"
done
# Diff pairs: OLD NUL NEW. Gold fixture pairs and consecutive history steps.
for d in $R/tests/fixtures/gold/*/; do
    [ -f "$d/old.md" ] && [ -f "$d/new.md" ] || continue
    { cat "$d/old.md"; printf '\000'; cat "$d/new.md"; } > "corpus/diff/gold-$(basename "$d").bin"
done
for s in $R/history/*/; do
    prev=
    for f in "$s"*.md; do
        [ -f "$f" ] || continue
        if [ -n "$prev" ]; then
            { cat "$prev"; printf '\000'; cat "$f"; } > "corpus/diff/$(basename "$s")-$(basename "$prev" .md)-$(basename "$f" .md).bin"
        fi
        prev=$f
    done
done
# YAML inputs.
cp $R/history/rules.yaml corpus/rules/history-rules.yaml
for f in $R/data/*.yaml $R/tests/fixtures/gold/*/key.yaml $R/tests/fixtures/pages/*.yaml; do
    [ -f "$f" ] || continue
    n=$(echo "$f" | sed "s|^$R/||; s|/|_|g")
    cp "$f" "corpus/lexicon/$n"
done
cp $R/data/lexicon.yaml $R/data/topics.yaml corpus/rules/ 2>/dev/null || true
for t in normalize front_matter diff rules lexicon html; do
    echo "$t: $(ls corpus/$t | wc -l) files"
done
