#!/bin/sh
# Entrypoint of the enclave image (PID 1's child inside the Nitro Enclave).
# - brings up loopback (an enclave boots with no network configured at all);
# - lets the unprivileged user use /dev/nsm, then drops root for socat and the JVM;
# - bridges vsock port 5000 (the parent's socat/vsock-proxy connects there) to the JVM,
#   which listens on 127.0.0.1:5000 only.
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

# shellcheck disable=SC2086
exec $RUN_AS java -XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError \
  -jar "$JAR" serve --port "$PORT"
