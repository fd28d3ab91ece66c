#!/usr/bin/env bash
# Checks that the executable enclave jar is reproducible. Builds it from two copies of the source
# tree at different paths, then builds the first copy again without `clean` (the second build
# finds the first one's output in target/), and compares the SHA-256 of the three jars. Exits
# non-zero when any differ. Extra arguments go to Maven (e.g. -o to build offline).
#
#   bash enclave/scripts/check-reproducible.sh [maven args...]
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

copy_sources() {
  mkdir -p "$1"
  # The source tree as it is, without build output or git metadata.
  tar -C "$repo" --exclude=./.git --exclude='*/target' --exclude=./target -cf - . | tar -C "$1" -xf -
}

# Packages the enclave in the tree $1 (without clean) and prints the jar's SHA-256.
package() {
  local dest="$1" log="$2"
  shift 2
  mvn -B -ntp -q -f "$dest/pom.xml" -pl enclave -am package -DskipTests "$@" >"$log" 2>&1 || {
    echo "check-reproducible: build in $dest failed:" >&2
    tail -n 40 "$log" >&2
    exit 1
  }
  sha256sum "$dest/enclave/target/nautilus-enclave.jar" | cut -d' ' -f1
}

copy_sources "$work/a"
copy_sources "$work/second-copy"
first="$(package "$work/a" "$work/a.log" "$@")"
second="$(package "$work/second-copy" "$work/second-copy.log" "$@")"
rebuilt="$(package "$work/a" "$work/a-rebuild.log" "$@")"
echo "check-reproducible: clean build 1 sha256     $first"
echo "check-reproducible: clean build 2 sha256     $second"
echo "check-reproducible: non-clean rebuild sha256 $rebuilt"
if [ "$first" != "$second" ]; then
  echo "check-reproducible: FAILED: two clean builds of nautilus-enclave.jar differ" >&2
  exit 1
fi
if [ "$first" != "$rebuilt" ]; then
  echo "check-reproducible: FAILED: rebuilding without clean changed nautilus-enclave.jar" >&2
  exit 1
fi
echo "check-reproducible: OK: nautilus-enclave.jar is reproducible (clean and non-clean)"
