#!/usr/bin/env bash
# Prints C2PA validation time (p50/p99) for 1 MB and 10 MB JPEGs against SHA-256 of the same bytes.
# Usage (from the repository root): bash c2pa/run-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -pl c2pa -am test-compile
m2="${HOME}/.m2/repository"
prop() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" pom.xml | head -1; }
bc="$(prop bouncycastle.version)"
cbor="$(prop cbor-java.version)"
cp="c2pa/target/classes:c2pa/target/test-classes:cbor/target/classes"
cp="$cp:$m2/co/nstant/in/cbor/$cbor/cbor-$cbor.jar"
for a in bcprov bcpkix bcutil; do cp="$cp:$m2/org/bouncycastle/$a-jdk18on/$bc/$a-jdk18on-$bc.jar"; done
exec java -Xmx256m -cp "$cp" dev.provably.nautilus.c2pa.bench.ValidationBench
