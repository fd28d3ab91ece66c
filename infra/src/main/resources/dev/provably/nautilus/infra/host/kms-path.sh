# The enclave's path to KMS (createKmsKey or kmsKeyArn): vsock-proxy with a one-host allow-list, and
# the bridge to the host jar's support endpoint (the role's credentials, the sealed identity records in SSM).
install -d -m 0755 /etc/nautilus

cat >{{kmsAllowlistPath}} <<'NAUTILUS_EOF'
{{kmsAllowlist}}
NAUTILUS_EOF
chmod 0644 {{kmsAllowlistPath}}

cat >/etc/systemd/system/nautilus-kms-proxy.service <<'NAUTILUS_EOF'
{{kmsProxyService}}
NAUTILUS_EOF

cat >/etc/systemd/system/nautilus-support-bridge.service <<'NAUTILUS_EOF'
{{supportBridgeService}}
NAUTILUS_EOF
