#!/usr/bin/env bash
# Checks that the expectedAnalysis pinned in Pulumi.dev.yaml and Pulumi.prod.yaml is the analysis the
# enclave jar runs: the identities `java -jar enclave/target/nautilus-enclave.jar analyze` prints.
# They change with any change to an analyzer or to the verdict policy; stale pins would make the
# deployed backend refuse every report. Run from anywhere after building the enclave jar.
set -euo pipefail
cd "$(dirname "$0")/../.."

jar=enclave/target/nautilus-enclave.jar
if [ ! -f "$jar" ]; then
  echo "check-analysis-pins: $jar is missing; build it first (mvn -B -ntp -pl enclave -am package -DskipTests)" >&2
  exit 2
fi

# "policy=<hex>" and "<analyzer>=<hex>", sorted.
expected="$(java -jar "$jar" analyze samples/sample.png \
  | awk '$1 == "policy" { print "policy=" $2 } $1 == "analyzer" { print $2 "=" $4 }' | sort)"
if [ -z "$expected" ]; then
  echo "check-analysis-pins: $jar analyze printed no identities" >&2
  exit 2
fi

status=0
for file in Pulumi.dev.yaml Pulumi.prod.yaml; do
  pinned="$(awk '/^  nautilus:expectedAnalysis:/ { inside = 1; next }
                 inside && /^    - / { sub(/^    - /, ""); print; next }
                 { inside = 0 }' "$file" | sort)"
  if [ "$pinned" != "$expected" ]; then
    echo "check-analysis-pins: $file pins another analysis than $jar runs" >&2
    diff <(echo "$pinned") <(echo "$expected") >&2 || true
    status=1
  fi
done
if [ "$status" -eq 0 ]; then
  echo "check-analysis-pins: Pulumi.dev.yaml and Pulumi.prod.yaml pin the enclave jar's analysis"
fi
exit "$status"
