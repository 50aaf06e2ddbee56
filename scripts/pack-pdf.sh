#!/usr/bin/env bash
# Prints the briefing pack of a built site to PDF with headless Chromium, on A4
# and on US Letter, and checks the result is a sane printed pack:
#   - the page size is the one asked for;
#   - every recommendation starts a page (its "Rec N:" heading is at the top of one);
#   - every question id and a status word per question are in the text;
#   - the page count lies between (recommendations + 1) and (4 x recommendations + teams + 2).
# Usage: scripts/pack-pdf.sh SITE_DIR [OUT_DIR]   (needs chromium, pdfinfo, pdftotext: poppler-utils)
set -euo pipefail

site=${1:?usage: scripts/pack-pdf.sh SITE_DIR [OUT_DIR]}
out=${2:-${TMPDIR:-/tmp}/briefing-pack-pdf}
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
[ -n "$chromium" ] || { echo "pack-pdf: no chromium found (apt-get install chromium, or set CHROMIUM)" >&2; exit 2; }
command -v pdfinfo >/dev/null && command -v pdftotext >/dev/null ||
  { echo "pack-pdf: pdfinfo/pdftotext missing (apt-get install poppler-utils)" >&2; exit 2; }
[ -f "$site/pack/index.html" ] || { echo "pack-pdf: $site/pack/index.html not found: build the site first" >&2; exit 2; }

rm -rf "$out" && mkdir -p "$out"
recs=$(grep -o 'class="pack-rec"' "$site/pack/index.html" | wc -l)
teams=$(grep -o 'class="pack-team"' "$site/pack/index.html" | wc -l)
ids=$(grep -oE '<h[3-6] class="question-id"><a class="anchor" href="[^"]*" title="[^"]*">[^<]*</a>' "$site/pack/index.html" | sed 's/.*">\([^<]*\)<\/a>$/\1/')
questions=$(printf '%s\n' "$ids" | grep -c . || true)
min=$((recs + 1))
max=$((4 * recs + teams + 2))
status=0

for paper in A4 Letter; do
  # The pack names no paper size (it prints on whatever the reader's printer
  # has), so a copy of the site gets one extra stylesheet that asks for this one.
  copy="$out/site-$paper"
  cp -R "$site" "$copy"
  printf '@page { size: %s; }\n' "$paper" > "$copy/assets/paper.css"
  sed -i 's#</head>#<link rel="stylesheet" href="../assets/paper.css">\n</head>#' "$copy/pack/index.html"
  pdf="$out/pack-$paper.pdf"
  "$chromium" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$pdf" "file://$(cd "$copy" && pwd)/pack/index.html" >/dev/null 2>&1
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  size=$(pdfinfo "$pdf" | sed -n 's/^Page size: *//p')
  text=$(pdftotext -layout "$pdf" -)

  problems=()
  case "$paper:$size" in
    A4:*"(A4)"*|Letter:*"(letter)"*) ;;
    *) problems+=("page size is '$size'") ;;
  esac
  [ "$pages" -ge "$min" ] && [ "$pages" -le "$max" ] || problems+=("$pages pages, expected $min..$max")
  # Headings at the top of a page: the first lines of each page after the cover; on a
  # team's first page (its "Team …" line near the top), the first recommendation after
  # the team's introduction.
  tops=$(for p in $(seq 2 "$pages"); do
           lines=$(pdftotext -f "$p" -l "$p" -layout "$pdf" - | grep -v '^[[:space:]]*$' || true)
           if printf '%s\n' "$lines" | head -6 | grep -qE '^[[:space:]]*Team '; then
             printf '%s\n' "$lines" | grep -oE '^[[:space:]]*Rec [0-9]+:' | head -1 || true
           else
             printf '%s\n' "$lines" | head -6 | grep -oE '^[[:space:]]*Rec [0-9]+:' || true
           fi
         done | tr -d ' ' | sort -u | wc -l)
  [ "$tops" -eq "$recs" ] || problems+=("$tops of $recs recommendations start a page")
  missing=0
  while read -r id; do
    [ -z "$id" ] && continue
    grep -qF "$id" <<<"$text" || { missing=$((missing + 1)); echo "  missing question id $id" >&2; }
  done <<<"$ids"
  [ "$missing" -eq 0 ] || problems+=("$missing question ids missing")
  words=$(grep -oE '(Open|Answered|Withdrawn)' <<<"$text" | wc -l)
  [ "$words" -ge "$questions" ] || problems+=("$words status words for $questions questions")

  if [ ${#problems[@]} -eq 0 ]; then
    echo "pack-pdf: $paper: $pages pages ($size) for $recs recommendations, $questions questions: ok → $pdf"
  else
    echo "pack-pdf: $paper: ${problems[*]}" >&2
    status=1
  fi
done
exit $status
