#!/usr/bin/env bash
# Issue 14's figures in one run, everything pinned to one core (taskset -c CORE):
#   OpenSSL:  openssl speed -seconds 3 ecdsap384 (the verify rate; OpenSSL / 2 is the document rate
#             of a C verifier doing only the two unavoidable verifications per document)
#   library:  warm verification of COUNT distinct documents sharing one chain (each with its own leaf
#             key, leaf certificate and payload), and cold (chain cache off: the whole chain per
#             document), for ACCP and for the BouncyCastle fallback
#   CLI:      the plain `java -jar nautilus-verifier.jar verify ... DIR`, JVM start included, with the
#             default backend (ACCP) and with -Dnautilus.signatureBackend=BOUNCY_CASTLE
# Goals: warm library >= 2.0 x (OpenSSL / 2); CLI >= 1.5 x (OpenSSL / 2).
#
# usage: bench/run-accp-bench.sh [COUNT]        (default 1500)
# environment: BENCH_CORE=0, BENCH_CLI_RUNS=3 (median), BENCH_JAVA=java
# Exit status: 0 both goals met with ACCP, 1 a goal missed, 2 setup problem.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
count="${1:-1500}"
core="${BENCH_CORE:-0}"
cli_runs="${BENCH_CLI_RUNS:-3}"
java_bin="${BENCH_JAVA:-java}"
cli_jar="$root/cli/target/nautilus-verifier.jar"
bench_jar="$root/bench/target/benchmarks.jar"

for tool in "$java_bin" openssl taskset awk; do
  command -v "$tool" >/dev/null 2>&1 || { echo "run-accp-bench: '$tool' is required" >&2; exit 2; }
done
if [ ! -f "$cli_jar" ] || [ ! -f "$bench_jar" ]; then
  echo "run-accp-bench: building the CLI and benchmark jars"
  (cd "$root" && mvn -B -ntp -q -Pbench package -DskipTests)
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
pin=(taskset -c "$core")

echo "generating $count documents (one chain, a leaf key and certificate each)"
at="$("$java_bin" -cp "$bench_jar" dev.provably.nautilus.bench.GenerateDocuments "$work/docs" "$count" "$work/root.pem")"

echo "openssl speed -seconds 3 ecdsap384 on core $core"
openssl_rate="$("${pin[@]}" openssl speed -seconds 3 ecdsap384 2>/dev/null | awk '/nistp384/ { print $NF }')"
[ -n "$openssl_rate" ] || { echo "run-accp-bench: could not read openssl's verify rate" >&2; exit 2; }
target="$(awk -v r="$openssl_rate" 'BEGIN { printf "%.1f", r / 2 }')"

library() { # BACKEND warm|cold -> documents/s
  "${pin[@]}" "$java_bin" -cp "$bench_jar" dev.provably.nautilus.bench.LibraryThroughput \
    "$work/docs" "$work/root.pem" "$at" "$1" "$2"
}

median_of() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

cli() { # extra JVM flags... -> "median documents/s per wall second, per CPU second" over cli_runs runs
  local rates=() cpus=() wall user sys status lines valid
  TIMEFORMAT='%3R %3U %3S'
  for _ in $(seq 1 "$cli_runs"); do
    set +e
    { time "${pin[@]}" "$java_bin" "$@" -jar "$cli_jar" verify --any-image --root "$work/root.pem" --at "$at" \
        "$work/docs" >"$work/out.jsonl" 2>"$work/cli.err"; } 2>"$work/time.txt"
    status=$?
    set -e
    read -r wall user sys <"$work/time.txt"
    lines="$(wc -l <"$work/out.jsonl")"
    valid="$(grep -c '"accepted":true' "$work/out.jsonl" || true)"
    if [ "$status" -ne 0 ] || [ "$lines" -ne "$count" ] || [ "$valid" -ne "$count" ]; then
      echo "run-accp-bench: CLI exit $status, $lines lines, $valid valid (want $count)" >&2
      head -5 "$work/cli.err" >&2
      exit 2
    fi
    rates+=("$(awk -v n="$count" -v w="$wall" 'BEGIN { printf "%.1f", n / w }')")
    cpus+=("$(awk -v n="$count" -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", n / (u + s) }')")
  done
  echo "$(median_of "${rates[@]}") $(median_of "${cpus[@]}")"
}

echo "library, warm and cold, ACCP and BouncyCastle"
read -r warm_accp warm_accp_cpu <<<"$(library ACCP warm)"; echo "  warm ACCP: $warm_accp (per CPU second $warm_accp_cpu)"
read -r warm_bc warm_bc_cpu <<<"$(library BOUNCY_CASTLE warm)"; echo "  warm BouncyCastle: $warm_bc (per CPU second $warm_bc_cpu)"
read -r cold_accp cold_accp_cpu <<<"$(library ACCP cold)"; echo "  cold ACCP: $cold_accp (per CPU second $cold_accp_cpu)"
read -r cold_bc cold_bc_cpu <<<"$(library BOUNCY_CASTLE cold)"; echo "  cold BouncyCastle: $cold_bc (per CPU second $cold_bc_cpu)"
echo "CLI (plain java -jar), $cli_runs runs each"
read -r cli_accp cli_accp_cpu <<<"$(cli)"; echo "  ACCP: $cli_accp (per CPU second $cli_accp_cpu)"
read -r cli_bc cli_bc_cpu <<<"$(cli -Dnautilus.signatureBackend=BOUNCY_CASTLE)"
echo "  BouncyCastle: $cli_bc (per CPU second $cli_bc_cpu)"

ratio() { awk -v a="$1" -v b="$target" 'BEGIN { printf "%.2f", a / b }'; }
echo
echo "OpenSSL 3 ECDSA P-384 verify, core $core: $openssl_rate/s; OpenSSL / 2 = $target documents/s"
printf '%-34s %10s %10s   %s\n' "documents/s (x OpenSSL/2)" "ACCP" "BC" "goal"
printf '%-34s %10s %10s   %s\n' "library, warm, $count docs" "$warm_accp ($(ratio "$warm_accp"))" "$warm_bc ($(ratio "$warm_bc"))" ">= 2.0"
printf '%-34s %10s %10s   %s\n' "library, cold (chain each time)" "$cold_accp ($(ratio "$cold_accp"))" "$cold_bc ($(ratio "$cold_bc"))" "-"
printf '%-34s %10s %10s   %s\n' "CLI, JVM start included (wall)" "$cli_accp ($(ratio "$cli_accp"))" "$cli_bc ($(ratio "$cli_bc"))" ">= 1.5"
echo "per CPU second (openssl speed also reports user CPU time; equal to the above on an idle core):"
printf '%-34s %10s %10s   %s\n' "library, warm" "$warm_accp_cpu ($(ratio "$warm_accp_cpu"))" "$warm_bc_cpu ($(ratio "$warm_bc_cpu"))" ">= 2.0"
printf '%-34s %10s %10s   %s\n' "library, cold" "$cold_accp_cpu ($(ratio "$cold_accp_cpu"))" "$cold_bc_cpu ($(ratio "$cold_bc_cpu"))" "-"
printf '%-34s %10s %10s   %s\n' "CLI (process CPU time)" "$cli_accp_cpu ($(ratio "$cli_accp_cpu"))" "$cli_bc_cpu ($(ratio "$cli_bc_cpu"))" ">= 1.5"
if awk -v w="$(ratio "$warm_accp")" -v c="$(ratio "$cli_accp")" 'BEGIN { exit !(w >= 2.0 && c >= 1.5) }'; then
  echo "PASS"
else
  echo "FAIL (a goal is missed with ACCP)"
  exit 1
fi
