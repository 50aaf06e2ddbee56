#!/bin/bash
# Full builds of SOURCE by each binary, alternating, each on a file system made for it.
#
#   bench/fresh_fs_ab.sh RUNS DELETES SOURCE BIN...      (as root: it mounts a loop device)
#
# On ext4 without a journal (this machine's root) a new inode is allocated past every inode
# deleted in the last minutes, so a full build's system time depends on what the machine
# deleted before it: back-to-back builds in one folder went from 0.5 s to 2 s of system time
# within a session. Here every build gets a new 2 GB ext4 (no journal, as the root is) on a
# loop device, on which a site is first copied and deleted DELETES times (0: a clean disk;
# 1: what a benchmark that deletes the last output meets), so every binary meets the same
# state. Prints "binary wall-s user-s sys-s peak-KB" per build.
set -eu
RUNS=$1; DELETES=$2; SOURCE=$3; shift 3
IMG=${IMG:-/tmp/briefing-fresh-fs.img}; MNT=${MNT:-/mnt/briefing-fresh-fs}
REF=$(mktemp -d)
"$1" build --quiet --source "$SOURCE" --output "$REF/site"
mkdir -p "$MNT"
truncate -s 2G "$IMG"
for i in $(seq "$RUNS"); do
  for bin in "$@"; do
    umount "$MNT" 2>/dev/null || true
    mkfs.ext4 -q -F -O ^has_journal "$IMG"
    mount -o loop "$IMG" "$MNT"
    for _ in $(seq "$DELETES"); do cp -r "$REF/site" "$MNT/out"; rm -rf "$MNT/out"; done
    /usr/bin/time -f "$(basename "$bin") %e %U %S %M" "$bin" build --quiet --source "$SOURCE" --output "$MNT/out" 2>&1 | tail -1
  done
done
umount "$MNT"
rm -rf "$REF" "$IMG"
