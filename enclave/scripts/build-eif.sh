#!/usr/bin/env bash
# Builds the enclave image (enclave/Dockerfile) and the EIF with nitro-cli, then prints PCR0/1/2.
# Runs on a Nitro-enabled EC2 host (or any host with docker and nitro-cli installed).
#
# Required, each pinned by digest (name@sha256:<64 hex digits>); the script refuses anything else:
#   NAUTILUS_BUILD_IMAGE    Maven 3.9 + JDK 17 image for the build stage
#   NAUTILUS_RUNTIME_IMAGE  base built from enclave/docker/runtime-base.Dockerfile and pushed
# Optional:
#   NAUTILUS_IMAGE_TAG      local tag of the enclave image (default nautilus-enclave:eif)
#   NAUTILUS_OUT            output directory (default enclave/target/eif)
#   DOCKER, NITRO_CLI       the commands to use (default docker, nitro-cli)
#   NAUTILUS_KMS_KEY_ARN    a KMS key ARN: the enclave keeps a sealed identity (enclave/README.md)
#   NAUTILUS_SEAL_NEW_IF_NONE  true: the image may seal a new identity when the parent has none
set -euo pipefail

die() {
  echo "build-eif: $*" >&2
  exit 2
}

require_pinned() {
  local name="$1"
  local value="${!name:-}"
  if [ -z "$value" ]; then
    die "$name is required: a base image pinned by digest (name@sha256:<64 hex>); see enclave/README.md"
  fi
  if ! [[ "$value" =~ ^[^[:space:]@]+@sha256:[0-9a-f]{64}$ ]]; then
    die "$name must be pinned by digest (name@sha256:<64 hex>), got '$value'"
  fi
}

require_pinned NAUTILUS_BUILD_IMAGE
require_pinned NAUTILUS_RUNTIME_IMAGE

kms_key_arn="${NAUTILUS_KMS_KEY_ARN:-}"
if [ -n "$kms_key_arn" ] && ! [[ "$kms_key_arn" =~ ^arn:aws:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]{1,64}$ ]]; then
  die "NAUTILUS_KMS_KEY_ARN must be a key ARN (arn:aws:kms:<region>:<account>:key/<id>; not an alias), got '$kms_key_arn'"
fi
seal_new="${NAUTILUS_SEAL_NEW_IF_NONE:-false}"
if [ "$seal_new" != true ] && [ "$seal_new" != false ]; then
  die "NAUTILUS_SEAL_NEW_IF_NONE must be true or false, got '$seal_new'"
fi
if [ "$seal_new" = true ] && [ -z "$kms_key_arn" ]; then
  die "NAUTILUS_SEAL_NEW_IF_NONE needs NAUTILUS_KMS_KEY_ARN"
fi

docker_cmd="${DOCKER:-docker}"
nitro_cli="${NITRO_CLI:-nitro-cli}"
for tool in "$docker_cmd" "$nitro_cli" jq; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is required but not installed"
done

repo="$(cd "$(dirname "$0")/../.." && pwd)"
tag="${NAUTILUS_IMAGE_TAG:-nautilus-enclave:eif}"
out="${NAUTILUS_OUT:-$repo/enclave/target/eif}"
mkdir -p "$out"

"$docker_cmd" build \
  --build-arg "BUILD_IMAGE=$NAUTILUS_BUILD_IMAGE" \
  --build-arg "RUNTIME_IMAGE=$NAUTILUS_RUNTIME_IMAGE" \
  --build-arg "NAUTILUS_KMS_KEY_ARN=$kms_key_arn" \
  --build-arg "NAUTILUS_SEAL_NEW_IF_NONE=$seal_new" \
  --file "$repo/enclave/Dockerfile" \
  --tag "$tag" \
  "$repo"

"$nitro_cli" build-enclave --docker-uri "$tag" --output-file "$out/nautilus-enclave.eif" >"$out/build-output.txt"

# nitro-cli prints the measurements as a JSON object; keep only that object (from its first line).
sed -n '/^{/,$p' "$out/build-output.txt" >"$out/measurements.json"
for pcr in PCR0 PCR1 PCR2; do
  value="$(jq -er ".Measurements.$pcr" "$out/measurements.json")" ||
    die "no $pcr in the nitro-cli output (see $out/build-output.txt)"
  [[ "$value" =~ ^[0-9a-f]{96}$ ]] || die "$pcr is not 48 bytes of hex: $value"
  echo "$pcr $value"
done
echo "EIF: $out/nautilus-enclave.eif"
