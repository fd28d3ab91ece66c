#!/usr/bin/env bash
# The CLI throughput harness (issue 2): the verify CLI pinned to one core, whole JVM start included,
# over COUNT distinct documents sharing one chain, against OpenSSL's ECDSA P-384 verify rate on the
# same core in the same run. Target: CLI documents/s >= OpenSSL verifies/s / 2 (a C verifier doing
# only the two unavoidable verifications per document: the COSE signature and the leaf certificate).
#
# usage: bench/run-cli-bench.sh [COUNT]        (default 1500)
# environment:
#   BENCH_CORE=0             the core to pin to (taskset -c)
#   BENCH_RUNS=5             CLI runs; the median decides
#   BENCH_OPENSSL_SECONDS=10 duration of openssl speed
#   BENCH_JAVA_FLAGS="..."   replace the JVM flags below (e.g. BENCH_JAVA_FLAGS="" for none)
#   BENCH_NO_CDS=1           skip the AppCDS archive
#   BENCH_JAVA=java          the java launcher (any JDK 17 or later)
# Exit status: 0 PASS, 1 FAIL, 2 setup problem.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
count="${1:-1500}"
core="${BENCH_CORE:-0}"
runs="${BENCH_RUNS:-5}"
openssl_seconds="${BENCH_OPENSSL_SECONDS:-10}"
cli_jar="$root/cli/target/nautilus-verifier.jar"
bench_jar="$root/bench/target/benchmarks.jar"

java_bin="${BENCH_JAVA:-java}"
for tool in "$java_bin" openssl taskset awk; do
  command -v "$tool" >/dev/null 2>&1 || { echo "run-cli-bench: '$tool' is required" >&2; exit 2; }
done
if [ ! -f "$cli_jar" ] || [ ! -f "$bench_jar" ]; then
  echo "run-cli-bench: building the CLI and benchmark jars"
  (cd "$root" && mvn -B -ntp -q -Pbench package -DskipTests)
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Flags documented in bench/README.md: one core gains from a single-threaded collector, a small
# heap, C1 only (C2's compiler threads would take much of this core compiling the EC arithmetic),
# and class data sharing of the CLI's classes (archive made by a training run on other documents).
if [ -n "${BENCH_JAVA_FLAGS+set}" ]; then
  read -r -a java_flags <<<"$BENCH_JAVA_FLAGS"
else
  java_flags=(-XX:+UseSerialGC -Xms64m -Xmx256m -XX:TieredStopAtLevel=1)
fi

echo "generating $count documents (one chain, a leaf key and certificate each)"
at="$("$java_bin" -cp "$bench_jar" dev.provably.nautilus.bench.GenerateDocuments "$work/docs" "$count" "$work/root.pem")"
verify_args=(verify --any-image --root "$work/root.pem" --at "$at" "$work/docs")

if [ -z "${BENCH_NO_CDS:-}" ]; then
  train_at="$("$java_bin" -cp "$bench_jar" dev.provably.nautilus.bench.GenerateDocuments "$work/train" 50 "$work/train.pem")"
  "$java_bin" "${java_flags[@]}" -XX:ArchiveClassesAtExit="$work/cli.jsa" -jar "$cli_jar" \
    verify --any-image --root "$work/train.pem" --at "$train_at" "$work/train" >/dev/null 2>"$work/cds.log" \
    || { echo "run-cli-bench: AppCDS training run failed" >&2; cat "$work/cds.log" >&2; exit 2; }
  java_flags+=(-XX:SharedArchiveFile="$work/cli.jsa")
fi

echo "openssl speed -seconds $openssl_seconds ecdsap384 on core $core"
openssl_rate="$(taskset -c "$core" openssl speed -seconds "$openssl_seconds" ecdsap384 2>/dev/null \
  | awk '/nistp384/ { print $NF }')"
if [ -z "$openssl_rate" ]; then
  echo "run-cli-bench: could not read the verify rate from openssl speed" >&2
  exit 2
fi

echo "CLI: taskset -c $core $java_bin ${java_flags[*]} -jar nautilus-verifier.jar verify ... ($runs runs)"
rates=()
cpu_rates=()
contended=0
TIMEFORMAT='%3R %3U %3S'
for run in $(seq 1 "$runs"); do
  # Wall-clock time of the whole process (JVM start to exit); user and system CPU time beside it
  # show when another process shared the core.
  set +e
  { time taskset -c "$core" "$java_bin" "${java_flags[@]}" -jar "$cli_jar" "${verify_args[@]}" \
      >"$work/out.jsonl" 2>"$work/cli.err"; } 2>"$work/time.txt"
  status=$?
  set -e
  read -r wall user sys <"$work/time.txt"
  lines="$(wc -l <"$work/out.jsonl")"
  valid="$(grep -c '"accepted":true' "$work/out.jsonl" || true)"
  if [ "$status" -ne 0 ] || [ "$lines" -ne "$count" ] || [ "$valid" -ne "$count" ]; then
    echo "run-cli-bench: run $run: exit $status, $lines lines, $valid valid (want $count)" >&2
    grep -m 3 '"accepted":false' "$work/out.jsonl" >&2 || true
    head -5 "$work/cli.err" >&2
    exit 2
  fi
  rate="$(awk -v n="$count" -v w="$wall" 'BEGIN { printf "%.1f", n / w }')"
  cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f", u + s }')"
  note=""
  if awk -v w="$wall" -v c="$cpu" 'BEGIN { exit !(w > 1.15 * c) }'; then
    note=" (wall > CPU time: the core was shared)"
    contended=1
  fi
  echo "  run $run: $count documents in $wall s (CPU $cpu s) = $rate documents/s$note"
  rates+=("$rate")
  cpu_rates+=("$(awk -v n="$count" -v c="$cpu" 'BEGIN { printf "%.1f", n / c }')")
done

median_of() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
median="$(median_of "${rates[@]}")"
cpu_median="$(median_of "${cpu_rates[@]}")"
target="$(awk -v r="$openssl_rate" 'BEGIN { printf "%.1f", r / 2 }')"
ratio="$(awk -v m="$median" -v t="$target" 'BEGIN { printf "%.2f", m / t }')"

echo
echo "OpenSSL ECDSA P-384 verify:   $openssl_rate verifies/s (core $core)"
echo "target (OpenSSL / 2):         $target documents/s"
echo "CLI, one core, JVM included:  $median documents/s (median of $runs)"
echo "ratio CLI / target:           $ratio"
echo "(per CPU second of the JVM:   $cpu_median documents/s, median; equals the figure above on an idle core)"
if [ "$contended" -eq 1 ]; then
  echo "note: other processes used core $core during some runs; rerun on an idle machine for a clean figure"
fi
if awk -v m="$median" -v t="$target" 'BEGIN { exit !(m >= t) }'; then
  echo "PASS"
else
  echo "FAIL"
  exit 1
fi
