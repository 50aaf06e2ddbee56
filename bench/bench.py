#!/usr/bin/env python3
"""Times `briefing build` on generated corpora (bench/gen_corpus.py): `make bench`.

usage: bench.py BRIEFING_BIN [--runs N] [--sizes 25x4,250x8,1250x8] [--work bench/out]
                [--text typography,crlf]

For each size (recommendations x questions) it generates the corpus once, then
times, each run under /usr/bin/time -v:
  - full: a build into a deleted output folder (what ../shared/bench/run.sh times);
  - unchanged: a second build with nothing changed;
  - one file: a build after one recommendation's text changed (and changed back
    on the next run, so every run does the same work).
and prints the median wall time (a monotonic clock around the process), CPU time
(user + system) and peak memory (largest resident set) as /usr/bin/time -v reports
them, and, for full builds, pages per second.

--text (or TEXT=typography,crlf) generates the corpora with gen_corpus.py's text
variants: curly quotes, dashes and accents, Windows line breaks, or both.
"""
import argparse, os, re, shutil, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))


def timed(cmd):
    start = time.monotonic()
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.monotonic() - start
    if p.returncode:
        sys.exit("failed (%d): %s\n%s" % (p.returncode, " ".join(cmd), p.stderr[-2000:]))
    def field(name):
        return re.search(re.escape(name) + r": (.*)", p.stderr).group(1).strip()
    cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
    return seconds, cpu, int(field("Maximum resident set size (kbytes)")) / 1024


def pages(folder):
    return sum(name.endswith(".html") for _, _, names in os.walk(folder) for name in names)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("--runs", type=int, default=int(os.environ.get("RUNS", "5")))
    ap.add_argument("--sizes", default=os.environ.get("SIZES", "25x4,250x8,1250x8"))
    ap.add_argument("--work", default=os.path.join(HERE, "out"))
    ap.add_argument("--text", default=os.environ.get("TEXT", ""), help="gen_corpus.py variants: typography, crlf")
    a = ap.parse_args()
    variants = [v for v in a.text.split(",") if v]
    for v in variants:
        if v not in ("typography", "crlf"):
            sys.exit("bench.py: --text takes typography and crlf, not %r" % v)
    print("%d runs each after one warm-up; %d cores\n" % (a.runs, os.cpu_count()))
    print("| size | build | median wall s (min-max) | median cpu s | peak MB | html pages | pages/s |")
    print("|---|---|---|---|---|---|---|")
    full_medians = {}
    for size in a.sizes.split(","):
        recs, qs = size.split("x")
        tag = "".join("-" + v for v in variants)
        corpus, out = os.path.join(a.work, "corpus-" + size + tag), os.path.join(a.work, "site-" + size + tag)
        subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), recs, qs, corpus] + ["--" + v for v in variants],
                       check=True, stdout=subprocess.DEVNULL)
        build = [a.bin, "build", "--quiet", "--source", corpus, "--output", out]
        edited = os.path.join(corpus, "content", "recommendations", "1.md")
        original = open(edited, encoding="utf-8", newline="").read()
        results = {"full": [], "unchanged": [], "one file": []}
        for run in range(a.runs + 1):
            shutil.rmtree(out, ignore_errors=True)
            full = timed(build)
            unchanged = timed(build)
            with open(edited, "w", encoding="utf-8", newline="") as f:
                f.write(original + ("\nEdited in run %d.\n" % run))
            one = timed(build)
            if run:  # the first round warms caches
                results["full"].append(full); results["unchanged"].append(unchanged); results["one file"].append(one)
        with open(edited, "w", encoding="utf-8", newline="") as f:
            f.write(original)
        html = pages(out)
        for kind, rows in results.items():
            wall = [r[0] for r in rows]
            median = statistics.median(wall)
            rate = "%.0f" % (html / median) if kind == "full" else ""
            if kind == "full":
                full_medians[size] = median
            share = "" if kind == "full" else " (%.1f%% of full)" % (100 * median / full_medians[size])
            print("| %s | %s | %.3f (%.3f-%.3f)%s | %.3f | %.0f | %d | %s |" % (
                size, kind, median, min(wall), max(wall), share, statistics.median(r[1] for r in rows),
                max(r[2] for r in rows), html, rate))
    sizes = list(full_medians)
    if len(sizes) > 1:
        print()
        for small, big in zip(sizes, sizes[1:]):
            ratio = lambda s: int(s.split("x")[0]) * int(s.split("x")[1])
            print("- %s -> %s: %.1fx the questions took %.1fx the time" % (
                small, big, ratio(big) / ratio(small), full_medians[big] / full_medians[small]))


if __name__ == "__main__":
    main()
