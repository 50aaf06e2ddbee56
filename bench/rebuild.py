#!/usr/bin/env python3
"""Times `briefing serve`'s rebuilds without a server: `make bench-rebuild`.

usage: rebuild.py REBUILD_BENCH_BIN [--size 250x8] [--rebuilds 20] [--callgrind] [--work bench/out]

Generates the corpus with bench/gen_corpus.py, then runs BriefingRebuildBench
(bench/RebuildBench), which builds the site once and then rebuilds it REBUILDS times
in the same process, with the build memory `serve` keeps, after appending a sentence
to content/recommendations/1.md each time. Prints its per-rebuild wall times.

With --callgrind it also runs the binary under `valgrind --tool=callgrind` with 0 and
with 5 rebuilds (on a copy without debug info, which valgrind 3.19 cannot read), and
prints the difference divided by 5: the instructions of one rebuild, which unlike
wall time do not move with the load of a shared 2-core machine.
"""
import argparse, os, re, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("--size", default="250x8")
    ap.add_argument("--rebuilds", type=int, default=20)
    ap.add_argument("--callgrind", action="store_true")
    ap.add_argument("--work", default=os.path.join(HERE, "out"))
    a = ap.parse_args()
    recs, qs = a.size.split("x")
    corpus = os.path.join(a.work, "corpus-" + a.size)
    subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), recs, qs, corpus], check=True, stdout=subprocess.DEVNULL)
    out = os.path.join(a.work, "rebuild-site-" + a.size)
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([a.bin, corpus, out, str(a.rebuilds)], check=True)
    if not a.callgrind:
        return
    if not shutil.which("valgrind"):
        sys.exit("--callgrind needs valgrind (apt-get install -y valgrind)")
    with tempfile.TemporaryDirectory() as tmp:
        stripped = os.path.join(tmp, "bench")
        subprocess.run(["objcopy", "--strip-debug", a.bin, stripped], check=True)
        counts = {}
        for n in (0, 5):
            shutil.rmtree(out, ignore_errors=True)
            p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + os.path.join(tmp, "cg.%d" % n),
                                stripped, corpus, out, str(n)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            m = re.search(r"Collected : (\d+)", p.stderr)
            if p.returncode or not m:
                sys.exit("valgrind failed:\n" + p.stderr[-2000:])
            counts[n] = int(m.group(1))
    print("callgrind, %s: first build %.0f M instructions; one rebuild %.0f M instructions"
          % (a.size, counts[0] / 1e6, (counts[5] - counts[0]) / 5 / 1e6))


if __name__ == "__main__":
    main()
