#!/bin/bash
# Starts the Nautilus enclave and stays alive while it runs, so systemd restarts it when it stops.
set -euo pipefail

readonly EIF=/opt/nautilus/nautilus.eif
readonly NAME=nautilus

/opt/nautilus/bin/verify-eif-pcrs.sh "$EIF"

# nitro-cli needs enclave memory of at least 4 times the image size.
eif_mib=$(( ($(stat --format %s "$EIF") + 1048575) / 1048576 ))
if (( {{enclaveMemoryMib}} < 4 * eif_mib )); then
  echo "refusing to start: enclaveMemoryMib {{enclaveMemoryMib}} is below 4 x the ${eif_mib} MiB image; raise it to at least $(( 4 * eif_mib ))" >&2
  exit 78
fi

# A leftover enclave would still hold the CID and the reserved memory.
nitro-cli terminate-enclave --enclave-name "$NAME" >/dev/null 2>&1 || true

nitro-cli run-enclave --eif-path "$EIF" --cpu-count {{enclaveCpuCount}} --memory {{enclaveMemoryMib}} \
  --enclave-cid {{enclaveCid}} --enclave-name "$NAME"{{debugModeFlag}}

state=RUNNING
while [[ "$state" = RUNNING ]]; do
  sleep 15
  state=$(nitro-cli describe-enclaves \
    | jq -r --arg n "$NAME" '[.[] | select(.EnclaveName == $n) | .State][0] // "GONE"')
done
echo "enclave $NAME stopped (state $state)" >&2
exit 1
