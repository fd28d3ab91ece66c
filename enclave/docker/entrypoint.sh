#!/bin/sh
# Entrypoint of the enclave image (PID 1's child inside the Nitro Enclave).
# - brings up loopback (an enclave boots with no network configured at all);
# - lets the unprivileged user use /dev/nsm, then drops root for socat and the JVM;
# - bridges vsock port 5000 (the parent's socat/vsock-proxy connects there) to the JVM,
#   which listens on 127.0.0.1:5000 only;
# - with NAUTILUS_KMS_KEY_ARN (a build argument), opens the path to KMS and to the parent's
#   support endpoint and starts serve with the sealed identity (enclave/README.md, "The path to KMS").
set -eu

PORT="${NAUTILUS_PORT:-5000}"
JAR=/opt/nautilus/nautilus-enclave.jar
RUN_AS="setpriv --reuid=nautilus --regid=nautilus --init-groups --inh-caps=-all"

ip addr replace 127.0.0.1/8 dev lo
ip link set dev lo up

if [ ! -c /dev/nsm ]; then
  echo "entrypoint: /dev/nsm is missing: this image runs only inside a Nitro Enclave" >&2
  exit 1
fi
chgrp nautilus /dev/nsm
chmod 0660 /dev/nsm

# shellcheck disable=SC2086 # RUN_AS is a command prefix and must split into words
$RUN_AS socat "VSOCK-LISTEN:${PORT},fork,reuseaddr" "TCP:127.0.0.1:${PORT}" &

set -- serve --port "$PORT"

# The release's sealed identity through KMS, when the image was built with a key ARN (so the key is
# part of PCR0). KMS is reached by its real name, which /etc/hosts maps to loopback, where socat
# carries the TLS bytes to the parent's vsock-proxy (vsock port 8000): the JVM verifies KMS's own
# certificate. Vsock port 8001 is the parent's support endpoint (role credentials, sealed record).
KMS_KEY_ARN="${NAUTILUS_KMS_KEY_ARN:-}"
if [ -n "$KMS_KEY_ARN" ]; then
  region=$(printf '%s\n' "$KMS_KEY_ARN" \
    | sed -n 's/^arn:aws:kms:\([a-z0-9-]*\):[0-9]\{12\}:key\/[A-Za-z0-9-]\{1,64\}$/\1/p')
  if [ -z "$region" ]; then
    echo "entrypoint: NAUTILUS_KMS_KEY_ARN is not a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)" >&2
    exit 1
  fi
  echo "127.0.0.1 kms.${region}.amazonaws.com" >>/etc/hosts
  # Lets the unprivileged forwarder take 443 (this enclave's own network namespace only).
  echo 443 >/proc/sys/net/ipv4/ip_unprivileged_port_start
  # shellcheck disable=SC2086
  $RUN_AS socat "TCP-LISTEN:443,bind=127.0.0.1,fork,reuseaddr" "VSOCK-CONNECT:3:8000" &
  # shellcheck disable=SC2086
  $RUN_AS socat "TCP-LISTEN:8001,bind=127.0.0.1,fork,reuseaddr" "VSOCK-CONNECT:3:8001" &
  set -- "$@" --kms-key-id "$KMS_KEY_ARN" --kms-region "$region" --parent-url http://127.0.0.1:8001
  if [ "${NAUTILUS_SEAL_NEW_IF_NONE:-false}" = true ]; then
    set -- "$@" --seal-new-if-none
  fi
fi

# shellcheck disable=SC2086
exec $RUN_AS java -XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError -jar "$JAR" "$@"
