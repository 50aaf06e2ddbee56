#!/usr/bin/env python3
"""How busy each thread of one build is, per slice of time: where a build leaves a core idle.

    python3 bench/cores.py BIN SOURCE [--slice-ms 100] [--edit FILE] [--keep-output] [--waiting]

Runs `BIN build --source SOURCE` into a fresh folder under `perf record` (timer sampling
on every thread), then prints, for each slice, every thread's share of one core.
With --edit FILE (a path inside SOURCE), it first builds, appends a line to FILE, and
profiles the rebuild; FILE is put back afterwards. A slice where one thread is near 100 %
and the others near 0 is a stretch of the build that runs on one core.

With --waiting, it also records call stacks and lists what the build was doing in the
slices where at most one core was busy (use a short --slice-ms, such as 10): the work that
leaves the other core waiting, by the innermost three frames of ours.
"""
import argparse
import collections
import re
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
    ap.add_argument("--waiting", action="store_true", help="list the work of the slices with one core busy")
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
        stacks = ["-g"] if args.waiting else []
        subprocess.run(["perf", "record", "-q", "-F", "1000"] + stacks + ["-o", data, "--"] + build, check=True)
        script = subprocess.run(["perf", "script", "-i", data, "-F", "tid,time"],
                                check=True, capture_output=True, text=True).stdout
        if args.waiting:
            traces = subprocess.run(["perf", "script", "-i", data, "-F", "tid,time,ip,sym"],
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
    if args.waiting:
        waiting(traces, start, per_slice, args.slice_ms)


def waiting(traces, start, per_slice, slice_ms):
    """The samples of slices with at most 1.3 cores busy, by their innermost frames of ours."""
    plumbing = re.compile(r"parallelMap|Prepared|Shared|closure|TR$|TA$|Tm$")
    found = collections.Counter()
    for block in traces.split("\n\n"):
        lines = [l for l in block.splitlines() if l.strip()]
        if not lines:
            continue
        head = lines[0].split()
        s = int((float(head[1].rstrip(":")) - start) * 1000 // slice_ms)
        if sum(per_slice[s].values()) > 1.3 * slice_ms:
            continue
        frames = [l.strip().split(None, 1)[1] for l in lines[1:] if len(l.strip().split(None, 1)) > 1]
        ours = [re.sub(r"_[0-9A-F]{32}LL", "", f)[:60] for f in frames if "BriefingKit" in f and not plumbing.search(f)]
        found[" < ".join(ours[:3]) or (frames[0][:60] if frames else "?")] += 1
    print(f"\n{sum(found.values())} ms of samples with at most one core busy, by where they were:")
    for where, n in found.most_common(15):
        print(f"{n:>6} ms  {where}")


if __name__ == "__main__":
    main()
