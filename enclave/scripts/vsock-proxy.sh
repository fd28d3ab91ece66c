#!/usr/bin/env bash
# Parent-side vsock proxy for a hand-built host: forwards TCP connections on the parent to the
# enclave's API over vsock. Hosts deployed with `pulumi up` get the same bridge as the systemd unit
# nautilus-vsock-proxy.service (infra/src/main/resources/dev/provably/nautilus/infra/host/).
#
# usage: enclave/scripts/vsock-proxy.sh [--cid CID] [--port PORT] [--vsock-port PORT] [--bind IP] [--dry-run]
#   --cid CID          the enclave's CID (default 16, as nitro-cli run-enclave --enclave-cid 16)
#   --port PORT        the parent's TCP port (default 5000)
#   --vsock-port PORT  the enclave's vsock port (default 5000; the image's socat listens there)
#   --bind IP          listen on this address only (default: all addresses; the firewall decides)
#   --dry-run          print the socat command instead of running it
set -euo pipefail

cid=16
port=5000
vsock_port=5000
bind=""
dry_run=0

die() { echo "vsock-proxy: $*" >&2; exit 2; }
number_in() { # name value min max
  [[ "$2" =~ ^[0-9]{1,10}$ ]] || die "$1 must be a whole number, got '$2'"
  (( 10#$2 >= $3 && 10#$2 <= $4 )) || die "$1 must be from $3 to $4, got $2"
}

while [ $# -gt 0 ]; do
  case "$1" in
    --cid) [ $# -ge 2 ] || die "--cid needs a value"; cid="$2"; shift 2 ;;
    --port) [ $# -ge 2 ] || die "--port needs a value"; port="$2"; shift 2 ;;
    --vsock-port) [ $# -ge 2 ] || die "--vsock-port needs a value"; vsock_port="$2"; shift 2 ;;
    --bind) [ $# -ge 2 ] || die "--bind needs a value"; bind="$2"; shift 2 ;;
    --dry-run) dry_run=1; shift ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done

# CIDs 0-2 are reserved (hypervisor, local, host); 3 is the parent itself.
number_in "--cid" "$cid" 4 4294967294
number_in "--port" "$port" 1 65535
number_in "--vsock-port" "$vsock_port" 1 4294967295
listen="TCP-LISTEN:$((10#$port)),fork,reuseaddr"
if [ -n "$bind" ]; then
  [[ "$bind" =~ ^[0-9]{1,3}(\.[0-9]{1,3}){3}$ ]] || die "--bind must be an IPv4 address, got '$bind'"
  listen="$listen,bind=$bind"
fi
command=(socat "$listen" "VSOCK-CONNECT:$((10#$cid)):$((10#$vsock_port))")

if [ "$dry_run" -eq 1 ]; then
  echo "${command[*]}"
  exit 0
fi
command -v socat >/dev/null 2>&1 || die "socat is not installed (Amazon Linux: dnf install -y socat)"
exec "${command[@]}"
