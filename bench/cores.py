#!/usr/bin/env python3
"""How busy each thread of one build is, per slice of time: where a build leaves a core idle.

    python3 bench/cores.py BIN SOURCE [--slice-ms 100] [--edit FILE] [--keep-output]

Runs `BIN build --source SOURCE` into a fresh folder under `perf record` (timer sampling
on every thread), then prints, for each slice, every thread's share of one core.
With --edit FILE (a path inside SOURCE), it first builds, appends a line to FILE, and
profiles the rebuild; FILE is put back afterwards. A slice where one thread is near 100 %
and the others near 0 is a stretch of the build that runs on one core.
"""
import argparse
import collections
import os
import shutil
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("binary")
    ap.add_argument("source")
    ap.add_argument("--slice-ms", type=int, default=100)
    ap.add_argument("--edit", help="profile the rebuild after appending a line to this file")
    ap.add_argument("--keep-output", action="store_true")
    args = ap.parse_args()
    if shutil.which("perf") is None:
        sys.exit("cores.py: needs perf (apt-get install -y linux-perf)")

    work = tempfile.mkdtemp(prefix="briefing-cores-")
    out = os.path.join(work, "site")
    data = os.path.join(work, "perf.data")
    build = [os.path.abspath(args.binary), "build", "--quiet", "--source", args.source, "--output", out]
    original = None
    try:
        if args.edit:
            subprocess.run(build, check=True)
            with open(args.edit, "rb") as f:
                original = f.read()
            with open(args.edit, "ab") as f:
                f.write(b"\nEdited by bench/cores.py.\n")
        # -F 1000 per thread: a slice of 100 ms holds 100 samples for a thread that never waits.
        subprocess.run(["perf", "record", "-q", "-F", "1000", "-o", data, "--"] + build, check=True)
        script = subprocess.run(["perf", "script", "-i", data, "-F", "tid,time"],
                                check=True, capture_output=True, text=True).stdout
    finally:
        if original is not None:
            with open(args.edit, "wb") as f:
                f.write(original)
        if not args.keep_output:
            shutil.rmtree(work, ignore_errors=True)

    samples = []
    for line in script.splitlines():
        parts = line.split()
        if len(parts) >= 2:
            samples.append((int(parts[0]), float(parts[1].rstrip(":"))))
    if not samples:
        sys.exit("cores.py: perf recorded nothing")
    start = min(t for _, t in samples)
    per_slice = collections.defaultdict(collections.Counter)
    for tid, t in samples:
        per_slice[int((t - start) * 1000 // args.slice_ms)][tid] += 1
    threads = sorted({tid for tid, _ in samples}, key=lambda tid: -sum(c[tid] for c in per_slice.values()))
    full = args.slice_ms  # samples a busy thread gives per slice at 1000 Hz
    names = {tid: f"t{i}" for i, tid in enumerate(threads)}
    print("slice ms   " + " ".join(f"{names[t]:>5}" for t in threads) + "   cores busy")
    for s in range(max(per_slice) + 1):
        counts = per_slice.get(s, collections.Counter())
        shares = [100 * counts[t] / full for t in threads]
        print(f"{s * args.slice_ms:>8}   " + " ".join(f"{x:>4.0f}%" for x in shares)
              + f"   {sum(shares) / 100:>5.2f}")
    total = sum(sum(c.values()) for c in per_slice.values()) / full
    print(f"on average {total / (max(per_slice) + 1):.2f} cores busy over {(max(per_slice) + 1) * args.slice_ms} ms (under perf)")


if __name__ == "__main__":
    main()
