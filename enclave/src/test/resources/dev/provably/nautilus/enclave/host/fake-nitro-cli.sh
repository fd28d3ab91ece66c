#!/usr/bin/env bash
# Stands in for `nitro-cli describe-enclaves` in tests: prints canned output for a scenario.
set -euo pipefail

case "${1:-}" in
  running)
    cat <<'JSON'
[
  {
    "EnclaveName": "nautilus",
    "EnclaveID": "i-0123456789abcdef0-enc0123456789abcdef",
    "ProcessID": 4242,
    "EnclaveCID": 16,
    "NumberOfCPUs": 2,
    "CPUIDs": [1, 3],
    "MemoryMiB": 1024,
    "State": "RUNNING",
    "Flags": "NONE",
    "Measurements": {
      "HashAlgorithm": "Sha384 { ... }",
      "PCR0": "aa",
      "PCR1": "bb",
      "PCR2": "cc"
    }
  }
]
JSON
    ;;
  terminating)
    echo '[{"EnclaveName":"nautilus","EnclaveID":"i-0-enc1","EnclaveCID":16,"NumberOfCPUs":2,"MemoryMiB":1024,"State":"TERMINATING","Flags":"NONE"}]'
    ;;
  empty)
    echo '[]'
    ;;
  badjson)
    echo '[{"EnclaveName": "nautilus", "State": '
    ;;
  object)
    echo '{"State": "RUNNING"}'
    ;;
  fail)
    echo 'Error: could not connect to the enclave process' >&2
    exit 3
    ;;
  hang)
    exec sleep 30
    ;;
  *)
    echo "unknown scenario ${1:-}" >&2
    exit 64
    ;;
esac
