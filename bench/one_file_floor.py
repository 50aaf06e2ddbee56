#!/usr/bin/env python3
"""What any build must spend after one recommendation's text changes: the one-file target's floor.

usage: one_file_floor.py BRIEFING_BIN [--size 1250x8] [--runs 15] [--work bench/out]

Generates the corpus with bench/gen_corpus.py and builds it. Then, with a line appended
to content/recommendations/1.md (as `make bench`'s one-file runs do), builds again
and compares the two builds' files to find those whose bytes the edit changes. Any correct build, however it learns what changed,
must write those bytes. It then times, RUNS times each:
  - writing exactly those bytes, already in memory, to temporary names in the output
    and renaming them over the old files (what an engine that computed nothing would do);
  - a build with nothing to do (what noticing the edit costs a fresh process: the state
    read and a stat per source, output file and folder);
  - a full build into a deleted folder;
and prints the floor (no-change + writes) as a share of the full build. The edit is
undone at the end. docs/performance-log.md ("Ninth session") has a run.
"""
import argparse, hashlib, os, shutil, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))


def outputs(site):
    """path -> (digest, size) of every file the build wrote (the state records no hashes)."""
    found = {}
    for folder, _, files in os.walk(site):
        for name in files:
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, site)
            if rel == ".briefing-state":
                continue
            with open(path, "rb") as f:
                data = f.read()
            found[rel] = (hashlib.sha1(data).hexdigest(), len(data))
    return found


def timed(f, runs):
    times = []
    for _ in range(runs):
        start = time.monotonic()
        f()
        times.append(time.monotonic() - start)
    return statistics.median(times), min(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("--size", default="1250x8")
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--work", default=os.path.join(HERE, "out"))
    a = ap.parse_args()
    recs, qs = a.size.split("x")
    corpus = os.path.join(a.work, "corpus-" + a.size)
    out = os.path.join(a.work, "floor-site-" + a.size)
    subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), recs, qs, corpus], check=True, stdout=subprocess.DEVNULL)
    build = [a.bin, "build", "--quiet", "--source", corpus, "--output", out]
    edited = os.path.join(corpus, "content", "recommendations", "1.md")
    original = open(edited, encoding="utf-8").read()
    try:
        shutil.rmtree(out, ignore_errors=True)
        subprocess.run(build, check=True)
        before = outputs(out)
        with open(edited, "w", encoding="utf-8") as f:
            f.write(original + "\nEdited for the floor.\n")
        subprocess.run(build, check=True)
        after = outputs(out)
        changed = sorted(p for p in after if before.get(p, (None,))[0] != after[p][0])
        data = {p: open(os.path.join(out, p), "rb").read() for p in changed}

        def write_changed():
            for path, bytes_ in data.items():
                target = os.path.join(out, path)
                temporary = os.path.join(os.path.dirname(target), ".floor-new")
                fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                try:
                    os.write(fd, bytes_)
                finally:
                    os.close(fd)
                os.rename(temporary, target)

        writes = timed(write_changed, a.runs)
        # The writes touched the files the state describes: one build puts the state right again.
        subprocess.run(build, check=True)
        unchanged = timed(lambda: subprocess.run(build, check=True), a.runs)

        def full():
            shutil.rmtree(out, ignore_errors=True)
            subprocess.run(build, check=True)

        full_build = timed(full, max(3, a.runs // 3))
    finally:
        with open(edited, "w", encoding="utf-8") as f:
            f.write(original)
    total = sum(after[p][1] for p in after)
    print("%s: the edit changes %d of %d files, %.1f of %.1f MB:" % (
        a.size, len(changed), len(after), sum(len(b) for b in data.values()) / 1e6, total / 1e6))
    for p in changed:
        print("  %s  %.2f MB" % (p, len(data[p]) / 1e6))
    print("| what | median ms (min) |\n|---|---|")
    print("| writing the changed files | %.1f (%.1f) |" % (1000 * writes[0], 1000 * writes[1]))
    print("| a build with nothing to do | %.1f (%.1f) |" % (1000 * unchanged[0], 1000 * unchanged[1]))
    print("| a full build | %.1f (%.1f) |" % (1000 * full_build[0], 1000 * full_build[1]))
    floor = writes[0] + unchanged[0]
    print("floor: %.1f ms, %.1f %% of the full build (by the best runs: %.1f %%)" % (
        1000 * floor, 100 * floor / full_build[0], 100 * (writes[1] + unchanged[1]) / full_build[1]))


if __name__ == "__main__":
    main()
