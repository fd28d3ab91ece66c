#!/bin/bash
# Nautilus enclave host bootstrap, rendered by the Pulumi program (dev.provably.nautilus.infra).
# cloud-init runs it once, as root, on first boot; the systemd units it installs bring the services
# back after reboots and spot stop/start.
set -euo pipefail
# Keep cloud-init's own output log and a copy the CloudWatch agent ships (a process substitution's
# exit status cannot be checked, hence the directive).
# shellcheck disable=SC2312
exec > >(tee -a /var/log/nautilus-bootstrap.log) 2>&1
started=$(date --utc +%FT%TZ)
echo "nautilus bootstrap started $started"

readonly REGION='{{region}}'
readonly ARTIFACT_BUCKET='{{artifactBucket}}'
readonly HOST_JAR_KEY='{{hostJarKey}}'
readonly HOST_JAR_SHA256='{{hostJarSha256}}'
readonly ENCLAVE_SOURCE='{{enclaveSource}}'
readonly EIF_KEY='{{eifKey}}'
readonly ENCLAVE_IMAGE='{{enclaveImage}}'
readonly ECR_REGISTRY='{{ecrRegistry}}'
readonly ECR_REGION='{{ecrRegion}}'
readonly HEALTH_METRICS='{{healthMetrics}}'
readonly DEBUG_MODE='{{debugMode}}'
readonly ELASTIC_IP_NAME='{{elasticIpName}}'
readonly EIF=/opt/nautilus/nautilus.eif
readonly HOST_JAR=/opt/nautilus/nautilus-enclave.jar

dnf install -y aws-nitro-enclaves-cli aws-nitro-enclaves-cli-devel socat jq logrotate \
  java-17-amazon-corretto-headless amazon-cloudwatch-agent
if [[ "$ENCLAVE_SOURCE" = image ]]; then
  dnf install -y docker
fi

# The health server runs unprivileged; the ne group lets it run nitro-cli describe-enclaves.
useradd --system --user-group --no-create-home --shell /sbin/nologin nautilus
usermod --append --groups ne nautilus
install -d -m 0755 /opt/nautilus /opt/nautilus/bin /var/log/nautilus

# A new instance profile's permissions can take a minute to reach the instance.
retry() {
  local attempt
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    if "$@"; then
      return 0
    fi
    echo "attempt $attempt of $1 failed; retrying in 15s" >&2
    sleep 15
  done
  return 1
}

fetch() {
  retry aws s3 cp --only-show-errors --region "$REGION" "s3://$ARTIFACT_BUCKET/$1" "$2"
}

# Single-host mode: attach the stack's Elastic IP (found by its Name tag) to this instance.
if [[ -n "$ELASTIC_IP_NAME" ]]; then
  token=$(curl -fsS -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 60' http://169.254.169.254/latest/api/token)
  instance_id=$(curl -fsS -H "X-aws-ec2-metadata-token: $token" http://169.254.169.254/latest/meta-data/instance-id)
  allocation=$(retry aws ec2 describe-addresses --region "$REGION" --filters "Name=tag:Name,Values=$ELASTIC_IP_NAME" \
    --query 'Addresses[0].AllocationId' --output text)
  retry aws ec2 associate-address --region "$REGION" --allocation-id "$allocation" --instance-id "$instance_id" \
    --allow-reassociation
fi

fetch "$HOST_JAR_KEY" "$HOST_JAR"
if [[ -n "$HOST_JAR_SHA256" ]]; then
  echo "$HOST_JAR_SHA256  $HOST_JAR" | sha256sum --check --strict
fi
chmod 0644 "$HOST_JAR"

case "$ENCLAVE_SOURCE" in
  eif)
    fetch "$EIF_KEY" "$EIF"
    ;;
  image)
    systemctl enable --now docker.service
    if [[ -n "$ECR_REGISTRY" ]]; then
      aws ecr get-login-password --region "$ECR_REGION" \
        | docker login --username AWS --password-stdin "$ECR_REGISTRY"
    fi
    retry docker pull "$ENCLAVE_IMAGE"
    # cloud-init sets no HOME; nitro-cli build-enclave needs it or NITRO_CLI_ARTIFACTS.
    export HOME=/root NITRO_CLI_ARTIFACTS=/var/lib/nautilus/nitro-cli-artifacts
    install -d -m 0700 "$NITRO_CLI_ARTIFACTS"
    nitro-cli build-enclave --docker-uri "$ENCLAVE_IMAGE" --output-file "$EIF"
    ;;
  *)
    echo "unknown enclave source '$ENCLAVE_SOURCE'" >&2
    exit 1
    ;;
esac
chmod 0644 "$EIF"

cat >/etc/nitro_enclaves/allocator.yaml <<'NAUTILUS_EOF'
{{allocatorYaml}}
NAUTILUS_EOF

cat >/opt/nautilus/bin/verify-eif-pcrs.sh <<'NAUTILUS_EOF'
{{verifyEifPcrsSh}}
NAUTILUS_EOF

cat >/opt/nautilus/bin/run-enclave.sh <<'NAUTILUS_EOF'
{{runEnclaveSh}}
NAUTILUS_EOF

cat >/opt/nautilus/bin/health-probe.sh <<'NAUTILUS_EOF'
{{healthProbeSh}}
NAUTILUS_EOF
chmod 0755 /opt/nautilus/bin/verify-eif-pcrs.sh /opt/nautilus/bin/run-enclave.sh /opt/nautilus/bin/health-probe.sh

cat >/etc/systemd/system/nautilus-enclave.service <<'NAUTILUS_EOF'
{{enclaveService}}
NAUTILUS_EOF

cat >/etc/systemd/system/nautilus-vsock-proxy.service <<'NAUTILUS_EOF'
{{vsockProxyService}}
NAUTILUS_EOF

cat >/etc/systemd/system/nautilus-health.service <<'NAUTILUS_EOF'
{{healthService}}
NAUTILUS_EOF

cat >/etc/systemd/system/nautilus-health-probe.service <<'NAUTILUS_EOF'
{{healthProbeService}}
NAUTILUS_EOF

cat >/etc/systemd/system/nautilus-health-probe.timer <<'NAUTILUS_EOF'
{{healthProbeTimer}}
NAUTILUS_EOF

cat >/etc/systemd/system/nautilus-enclave-console.service <<'NAUTILUS_EOF'
{{enclaveConsoleService}}
NAUTILUS_EOF

cat >/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json <<'NAUTILUS_EOF'
{{cloudwatchAgentJson}}
NAUTILUS_EOF

cat >/etc/logrotate.d/nautilus <<'NAUTILUS_EOF'
{{logrotateConf}}
NAUTILUS_EOF

{{kmsPath}}

systemctl daemon-reload
systemctl enable --now nitro-enclaves-allocator.service
/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s \
  -c file:/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json
systemctl enable --now logrotate.timer
systemctl enable --now nautilus-enclave.service nautilus-vsock-proxy.service nautilus-health.service{{kmsUnits}}
if [[ "$HEALTH_METRICS" = true ]]; then
  systemctl enable --now nautilus-health-probe.timer
fi
if [[ "$DEBUG_MODE" = true ]]; then
  echo "WARNING: debug mode: attestation PCRs are all zeros; never use this host in production" >&2
  systemctl enable --now nautilus-enclave-console.service
fi
finished=$(date --utc +%FT%TZ)
echo "nautilus bootstrap finished $finished"
