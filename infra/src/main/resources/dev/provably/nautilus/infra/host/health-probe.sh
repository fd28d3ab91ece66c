#!/bin/bash
# Publishes Nautilus/EnclaveHealthy for this instance: 1 when the parent's /health endpoint reports
# {"status":"healthy"}, else 0. The "enclave unhealthy" alarm watches this metric.
set -euo pipefail

readonly REGION='{{region}}'
readonly HEALTH_URL='http://127.0.0.1:{{healthPort}}/health'
readonly IMDS=http://169.254.169.254/latest

token=$(curl -fsS -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 60' "$IMDS/api/token")
instance_id=$(curl -fsS -H "X-aws-ec2-metadata-token: $token" "$IMDS/meta-data/instance-id")

value=0
if body=$(curl -fsS --max-time 5 "$HEALTH_URL"); then
  status=$(jq -r '.status // empty' <<<"$body") || status=invalid
  if [[ "$status" = healthy ]]; then
    value=1
  fi
fi

aws cloudwatch put-metric-data --region "$REGION" --namespace {{metricNamespace}} \
  --metric-name {{metricName}} --dimensions "InstanceId=$instance_id" --value "$value" --unit Count
# The fleet alarm watches the per-stack series, which outlives any one instance.
aws cloudwatch put-metric-data --region "$REGION" --namespace {{metricNamespace}} \
  --metric-name {{metricName}} --dimensions '{{stackDimension}}' --value "$value" --unit Count
