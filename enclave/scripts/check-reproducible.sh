#!/usr/bin/env bash
# Checks that the executable enclave jar is reproducible: builds it twice, from two copies of the
# source tree at different paths, and compares the SHA-256 of the two jars. Exits non-zero when
# they differ. Extra arguments go to Maven (e.g. -o to build offline).
#
#   bash enclave/scripts/check-reproducible.sh [maven args...]
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

build() {
  local dest="$1"
  shift
  mkdir -p "$dest"
  # The source tree as it is, without build output or git metadata.
  tar -C "$repo" --exclude=./.git --exclude='*/target' --exclude=./target -cf - . | tar -C "$dest" -xf -
  mvn -B -ntp -q -f "$dest/pom.xml" -pl enclave -am package -DskipTests "$@" >"$dest.log" 2>&1 || {
    echo "check-reproducible: build in $dest failed:" >&2
    tail -n 40 "$dest.log" >&2
    exit 1
  }
  sha256sum "$dest/enclave/target/nautilus-enclave.jar" | cut -d' ' -f1
}

first="$(build "$work/a" "$@")"
second="$(build "$work/second-copy" "$@")"
echo "check-reproducible: build 1 sha256 $first"
echo "check-reproducible: build 2 sha256 $second"
if [ "$first" != "$second" ]; then
  echo "check-reproducible: FAILED: the two builds of nautilus-enclave.jar differ" >&2
  exit 1
fi
echo "check-reproducible: OK: nautilus-enclave.jar is reproducible"
