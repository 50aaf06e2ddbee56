#!/usr/bin/env bash
# Seeds for `make fuzz`: the repository's content files, the test fixtures and the
# slide decks, each behind the mode byte that FuzzEntry reads first
# (0 load, 1 Markdown, 2 import, 3/7/11/15 whole site as recommendation/briefing/meeting/page,
# 255 then a name byte: a template override; 0 footer, 1 question, 2 page, 3 base, 4 recommendation).
set -euo pipefail
out="$1"
rm -rf "$out"; mkdir -p "$out"
cd "$(dirname "$0")/.."
n=0
seed() { n=$((n + 1)); { printf "\\$(printf '%03o' "$1")"; cat "$2"; } > "$out/seed-$n"; }
for f in content/*/*.md Tests/BriefingKitTests/Fixtures/bad/*/content/*/*.md; do
  [ -f "$f" ] || continue
  seed 0 "$f"
  case "$f" in
    */recommendations/*) seed 3 "$f" ;; */briefings/*) seed 7 "$f" ;;
    */meetings/*) seed 11 "$f" ;; */pages/*) seed 15 "$f" ;;
  esac
  # The body alone, as a Markdown field.
  awk 'c>=2 {print} /^---$/ {c++}' "$f" > "$out/body.tmp"; seed 1 "$out/body.tmp"
done
rm -f "$out/body.tmp"
for f in Tests/BriefingKitTests/Fixtures/decks/*.txt; do [ -f "$f" ] && seed 2 "$f"; done
# The built-in templates, each as the override of its own name.
i=0
for t in footer question page base recommendation; do
  n=$((n + 1)); { printf '\377'; printf "\\$(printf '%03o' "$i")"; cat "Sources/BriefingKit/Theme/$t.mustache"; } > "$out/seed-$n"
  i=$((i + 1))
done
echo "fuzz seeds: $n in $out"
