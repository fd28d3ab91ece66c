#!/bin/bash
# Refuses an enclave image whose measurements differ from the PCRs pinned in the stack config.
# Exits 78 (EX_CONFIG) on a mismatch, which nautilus-enclave.service does not retry.
set -euo pipefail

readonly EIF="${1:?usage: verify-eif-pcrs.sh <eif-path>}"
readonly EX_CONFIG=78
readonly EXPECTED_PCR0='{{expectedPcr0}}'
readonly EXPECTED_PCR1='{{expectedPcr1}}'
readonly EXPECTED_PCR2='{{expectedPcr2}}'

if ! measurements=$(nitro-cli describe-eif --eif-path "$EIF"); then
  echo "refusing to start: cannot describe $EIF" >&2
  exit "$EX_CONFIG"
fi

check() {
  local actual
  actual=$(jq -r --arg k "PCR$1" '.Measurements[$k] // empty' <<<"$measurements" | tr 'A-F' 'a-f')
  if [[ "$actual" != "$2" ]]; then
    echo "refusing to start: PCR$1 of $EIF is '${actual:-missing}', expected $2" >&2
    exit "$EX_CONFIG"
  fi
  echo "PCR$1 of $EIF matches"
}

check 0 "$EXPECTED_PCR0"
if [[ -n "$EXPECTED_PCR1" ]]; then check 1 "$EXPECTED_PCR1"; fi
if [[ -n "$EXPECTED_PCR2" ]]; then check 2 "$EXPECTED_PCR2"; fi
