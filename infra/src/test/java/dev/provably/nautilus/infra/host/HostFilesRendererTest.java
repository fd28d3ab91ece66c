package dev.provably.nautilus.infra.host;

import static dev.provably.nautilus.infra.config.ConfigMaps.PCR0;
import static dev.provably.nautilus.infra.config.ConfigMaps.PCR1;
import static dev.provably.nautilus.infra.config.ConfigMaps.PCR2;
import static dev.provably.nautilus.infra.config.ConfigMaps.minimal;
import static dev.provably.nautilus.infra.config.ConfigMaps.parse;
import static dev.provably.nautilus.infra.config.ConfigMaps.with;
import static dev.provably.nautilus.infra.host.HostFilesRenderer.ALLOCATOR;
import static dev.provably.nautilus.infra.host.HostFilesRenderer.CLOUDWATCH_AGENT_JSON;
import static dev.provably.nautilus.infra.host.HostFilesRenderer.ENCLAVE_SERVICE;
import static dev.provably.nautilus.infra.host.HostFilesRenderer.HEALTH_PROBE;
import static dev.provably.nautilus.infra.host.HostFilesRenderer.HEALTH_SERVICE;
import static dev.provably.nautilus.infra.host.HostFilesRenderer.KMS_ALLOWLIST;
import static dev.provably.nautilus.infra.host.HostFilesRenderer.KMS_PROXY_SERVICE;
import static dev.provably.nautilus.infra.host.HostFilesRenderer.RUN_ENCLAVE;
import static dev.provably.nautilus.infra.host.HostFilesRenderer.SUPPORT_BRIDGE_SERVICE;
import static dev.provably.nautilus.infra.host.HostFilesRenderer.VERIFY_EIF_PCRS;
import static dev.provably.nautilus.infra.host.HostFilesRenderer.VSOCK_PROXY_SERVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HostFilesRendererTest {
    static final String ECR_IMAGE =
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com/nautilus/enclave@sha256:" + "e".repeat(64);

    private final HostFiles defaults = HostFilesRenderer.render(parse(minimal()));

    private static void assertContains(String text, String expected) {
        assertTrue(text.contains(expected), () -> "expected to find:\n" + expected + "\nin:\n" + text);
    }

    @Test
    @DisplayName(
            "the user data is a strict bash script that installs nitro-cli, socat, Java 17 and the CloudWatch agent")
    void installsThePackages() {
        var script = defaults.userData();
        assertTrue(script.startsWith("#!/bin/bash\n"));
        assertContains(script, "\nset -euo pipefail\n");
        assertContains(
                script,
                "dnf install -y aws-nitro-enclaves-cli aws-nitro-enclaves-cli-devel socat jq logrotate \\\n"
                        + "  java-17-amazon-corretto-headless amazon-cloudwatch-agent\n");
        assertContains(script, "if [[ \"$ENCLAVE_SOURCE\" = image ]]; then\n  dnf install -y docker\n");
        assertContains(script, "usermod --append --groups ne nautilus\n");
    }

    @Test
    @DisplayName("it fetches the EIF and the host jar from the artifact bucket, with retries for IAM propagation")
    void fetchesTheArtifacts() {
        var script = defaults.userData();
        assertContains(script, "readonly REGION='us-east-1'\n");
        assertContains(script, "readonly ARTIFACT_BUCKET='nautilus-test-artifacts'\n");
        assertContains(script, "readonly HOST_JAR_KEY='nautilus-enclave.jar'\n");
        assertContains(script, "readonly ENCLAVE_SOURCE='eif'\n");
        assertContains(script, "readonly EIF_KEY='enclave/nautilus.eif'\n");
        assertContains(script, "readonly HOST_JAR_SHA256=''\n");
        assertContains(
                script, "retry aws s3 cp --only-show-errors --region \"$REGION\" \"s3://$ARTIFACT_BUCKET/$1\" \"$2\"");
        assertContains(script, "fetch \"$HOST_JAR_KEY\" \"$HOST_JAR\"\n");
        assertContains(script, "    fetch \"$EIF_KEY\" \"$EIF\"\n");
        assertContains(script, "readonly HOST_JAR=/opt/nautilus/nautilus-enclave.jar\n");
    }

    @Test
    @DisplayName("the allocator reserves the enclave's CPUs and memory")
    void sizesTheAllocator() {
        assertContains(defaults.file(ALLOCATOR), "memory_mib: 6144\ncpu_count: 2\n");
        assertContains(defaults.userData(), "systemctl enable --now nitro-enclaves-allocator.service\n");
    }

    @Test
    @DisplayName("the enclave starts in production mode with the configured CPUs, memory and CID, after the PCR check")
    void runsTheEnclaveInProductionMode() {
        var run = defaults.file(RUN_ENCLAVE);
        assertContains(run, "/opt/nautilus/bin/verify-eif-pcrs.sh \"$EIF\"\n");
        assertContains(
                run,
                "nitro-cli run-enclave --eif-path \"$EIF\" --cpu-count 2 --memory 6144 \\\n"
                        + "  --enclave-cid 16 --enclave-name \"$NAME\"\n");
        assertTrue(run.indexOf("verify-eif-pcrs.sh") < run.indexOf("nitro-cli run-enclave"));
        assertFalse(defaults.userData().contains("--debug-mode"), "no --debug-mode unless debugMode is set");

        var unit = defaults.file(ENCLAVE_SERVICE);
        assertContains(unit, "Description=Nautilus Nitro enclave (production mode, CID 16)\n");
        assertContains(unit, "ExecStart=/opt/nautilus/bin/run-enclave.sh\n");
        assertContains(unit, "Restart=on-failure\n");
        assertContains(unit, "RestartPreventExitStatus=78\n");
        assertContains(unit, "Requires=nitro-enclaves-allocator.service\n");
    }

    @Test
    @DisplayName("the host refuses an image whose PCR0 differs from expectedPcr0 (nitro-cli describe-eif Measurements)")
    void refusesAnUnexpectedImage() {
        var verify = defaults.file(VERIFY_EIF_PCRS);
        assertContains(verify, "readonly EXPECTED_PCR0='" + PCR0 + "'\n");
        assertContains(verify, "readonly EXPECTED_PCR1=''\n");
        assertContains(verify, "measurements=$(nitro-cli describe-eif --eif-path \"$EIF\")");
        assertContains(verify, "'.Measurements[$k] // empty'");
        assertContains(verify, "check 0 \"$EXPECTED_PCR0\"\n");
        assertContains(verify, "exit \"$EX_CONFIG\"");
        assertContains(verify, "readonly EX_CONFIG=78\n");
    }

    @Test
    @DisplayName("the vsock proxy forwards the API port to the enclave's vsock port 5000")
    void proxiesTheApi() {
        var unit = defaults.file(VSOCK_PROXY_SERVICE);
        assertContains(unit, "ExecStart=/usr/bin/socat TCP-LISTEN:5000,fork,reuseaddr VSOCK-CONNECT:16:5000\n");
        assertContains(unit, "DynamicUser=yes\n");
        assertContains(unit, "WantedBy=multi-user.target\n");
    }

    @Test
    @DisplayName("the health unit runs the host jar's health server, unprivileged but in the ne group")
    void servesHealth() {
        var unit = defaults.file(HEALTH_SERVICE);
        assertContains(
                unit,
                "ExecStart=/usr/bin/java -Xmx256m -XX:+ExitOnOutOfMemoryError -jar"
                        + " /opt/nautilus/nautilus-enclave.jar host --port 8080\n");
        assertContains(unit, "User=nautilus\n");
        assertContains(unit, "SupplementaryGroups=ne\n");
        assertContains(unit, "NoNewPrivileges=yes\n");
        assertContains(
                defaults.userData(),
                "systemctl enable --now nautilus-enclave.service nautilus-vsock-proxy.service nautilus-health.service\n");
    }

    @Test
    @DisplayName(
            "the CloudWatch agent ships the enclave, proxy, health, nitro-cli and bootstrap logs to the stack's log group")
    void shipsLogs() {
        var json = JsonParser.parseString(defaults.file(CLOUDWATCH_AGENT_JSON)).getAsJsonObject();
        var files = json.getAsJsonObject("logs")
                .getAsJsonObject("logs_collected")
                .getAsJsonObject("files")
                .getAsJsonArray("collect_list");
        var paths = new HashSet<String>();
        for (var entry : files) {
            var object = entry.getAsJsonObject();
            assertEquals(
                    "/aws/ec2/nautilus-nitro-enclave",
                    object.get("log_group_name").getAsString());
            assertTrue(object.get("log_stream_name").getAsString().startsWith("{instance_id}/"));
            paths.add(object.get("file_path").getAsString());
        }
        assertEquals(
                Set.of(
                        "/var/log/nautilus/enclave.log",
                        "/var/log/nautilus/enclave-console.log",
                        "/var/log/nautilus/vsock-proxy.log",
                        "/var/log/nautilus/health.log",
                        "/var/log/nautilus/kms-proxy.log",
                        "/var/log/nautilus/support-bridge.log",
                        "/var/log/nitro_enclaves/nitro_enclaves.log",
                        "/var/log/nautilus-bootstrap.log"),
                paths);
        assertContains(defaults.file(ENCLAVE_SERVICE), "StandardOutput=append:/var/log/nautilus/enclave.log\n");
        assertContains(defaults.userData(), "amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s");
    }

    @Test
    @DisplayName("every rendered file is embedded verbatim in the user data, which fits EC2's 16 KiB limit")
    void embedsEveryFile() {
        assertEquals(12, defaults.files().size());
        defaults.files().forEach((path, content) -> {
            assertContains(defaults.userData(), "cat >" + path + " <<'NAUTILUS_EOF'\n" + content + "NAUTILUS_EOF\n");
            assertFalse(content.contains("{{"), path + " has an unrendered placeholder");
        });
        int size = defaults.userData().getBytes(StandardCharsets.UTF_8).length;
        assertTrue(size < HostFilesRenderer.USER_DATA_LIMIT_BYTES, "user data is " + size + " bytes");
    }

    @Test
    @DisplayName(
            "with a KMS key, vsock-proxy forwards vsock port 8000 to exactly the key region's KMS host, allow-listed alone")
    void kmsPathForACreatedKey() {
        var files = HostFilesRenderer.render(parse(with(minimal(), "createKmsKey", "true")));
        assertEquals(
                "# The only host the parent's vsock-proxy for the enclave may reach: the stack's KMS endpoint.\n"
                        + "allowlist:\n- {address: kms.us-east-1.amazonaws.com, port: 443}\n",
                files.file(KMS_ALLOWLIST));
        var proxy = files.file(KMS_PROXY_SERVICE);
        assertContains(
                proxy,
                "ExecStart=/usr/bin/vsock-proxy 8000 kms.us-east-1.amazonaws.com 443"
                        + " --config /etc/nautilus/kms-vsock-proxy.yaml\n");
        assertContains(proxy, "DynamicUser=yes\n");
        assertContains(proxy, "Before=nautilus-enclave.service\n");
        var script = files.userData();
        assertFalse(script.contains("/var/lib/nautilus/identity"), "the records live in SSM, not on the host");
        assertContains(script, "chmod 0644 /etc/nautilus/kms-vsock-proxy.yaml\n");
        assertContains(
                script,
                "systemctl enable --now nautilus-enclave.service nautilus-vsock-proxy.service"
                        + " nautilus-health.service nautilus-kms-proxy.service nautilus-support-bridge.service\n");
        assertTrue(
                script.indexOf("nautilus-kms-proxy.service <<'NAUTILUS_EOF'")
                        < script.indexOf("systemctl daemon-reload"),
                "the units are written before systemd reloads");
    }

    @Test
    @DisplayName(
            "with a KMS key, the host jar serves the role's credentials and the identity records (in this stack's SSM"
                    + " parameters, so a replaced host keeps them) on loopback, bridged to vsock 8001")
    void supportEndpointForTheEnclave() {
        var files = HostFilesRenderer.render(parse(with(minimal(), "createKmsKey", "true")));
        assertContains(
                files.file(HEALTH_SERVICE),
                "host --port 8080 --support-port 8001"
                        + " --identity-ssm-prefix /nautilus/nautilus-test --ssm-region us-east-1\n");
        var bridge = files.file(SUPPORT_BRIDGE_SERVICE);
        assertContains(bridge, "ExecStart=/usr/bin/socat VSOCK-LISTEN:8001,fork,reuseaddr TCP:127.0.0.1:8001\n");
        assertContains(bridge, "DynamicUser=yes\n");
        assertEquals(15, files.files().size());
        files.files()
                .forEach((path, content) -> assertContains(
                        files.userData(), "cat >" + path + " <<'NAUTILUS_EOF'\n" + content + "NAUTILUS_EOF\n"));
    }

    @Test
    @DisplayName("an existing key's ARN decides the KMS host: its own region, which may differ from the hosts'")
    void kmsHostFromTheKeyArn() {
        var files = HostFilesRenderer.render(parse(with(
                minimal(),
                "kmsKeyArn",
                "arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")));
        assertContains(files.file(KMS_ALLOWLIST), "- {address: kms.eu-central-1.amazonaws.com, port: 443}\n");
        assertContains(files.file(KMS_PROXY_SERVICE), "vsock-proxy 8000 kms.eu-central-1.amazonaws.com 443 ");
        assertFalse(files.file(KMS_ALLOWLIST).contains("us-east-1"));
    }

    @Test
    @DisplayName("without a KMS key there is no path to KMS and no support endpoint")
    void noKmsNoPath() {
        assertFalse(defaults.files().containsKey(KMS_PROXY_SERVICE));
        assertFalse(defaults.files().containsKey(SUPPORT_BRIDGE_SERVICE));
        assertFalse(defaults.userData().contains("vsock-proxy 8000"));
        assertFalse(defaults.userData().contains("--support-port"));
        assertFalse(defaults.userData().contains("--identity-ssm-prefix"));
    }

    @Test
    @DisplayName("settings the host never sees do not change the user data, so they never replace instances")
    void stableUserData() {
        var other = HostFilesRenderer.render(parse(with(
                minimal(),
                "instanceCount",
                "3",
                "maxInstances",
                "4",
                "useSpot",
                "false",
                "zoneCount",
                "3",
                "tlsCertificateArn",
                "arn:aws:acm:us-east-1:123456789012:certificate/abc",
                "sshCidrs",
                "[\"203.0.113.0/24\"]",
                "sshKeyName",
                "k")));
        assertEquals(defaults.userData(), other.userData());
    }

    @Test
    @DisplayName(
            "debug mode is explicit: --debug-mode on run-enclave, DEBUG in the unit, console capture and a warning")
    void debugModeIsLoud() {
        var debug = HostFilesRenderer.render(parse(with(minimal(), "debugMode", "true")));
        assertContains(debug.file(RUN_ENCLAVE), "--enclave-cid 16 --enclave-name \"$NAME\" --debug-mode\n");
        assertContains(debug.file(ENCLAVE_SERVICE), "Description=Nautilus Nitro enclave (DEBUG mode, CID 16)\n");
        assertContains(debug.userData(), "readonly DEBUG_MODE='true'\n");
        assertContains(debug.userData(), "systemctl enable --now nautilus-enclave-console.service\n");
        assertContains(debug.userData(), "WARNING: debug mode");
    }

    @Test
    @DisplayName("custom ports, CID, sizes, PCRs, jar digest and log group reach every file that uses them")
    void customValues() {
        var files = HostFilesRenderer.render(parse(with(
                minimal(),
                "instanceType",
                "m6i.2xlarge",
                "enclaveCpuCount",
                "4",
                "enclaveMemoryMib",
                "16384",
                "enclaveCid",
                "42",
                "apiPort",
                "6000",
                "healthPort",
                "9090",
                "expectedPcr1",
                PCR1,
                "expectedPcr2",
                PCR2,
                "hostJarSha256",
                "ab".repeat(32),
                "logGroupName",
                "/nautilus/custom",
                "enableAlarms",
                "true")));
        assertContains(files.file(ALLOCATOR), "memory_mib: 16384\ncpu_count: 4\n");
        assertContains(files.file(RUN_ENCLAVE), "--cpu-count 4 --memory 16384 \\\n  --enclave-cid 42 ");
        assertContains(files.file(VSOCK_PROXY_SERVICE), "TCP-LISTEN:6000,fork,reuseaddr VSOCK-CONNECT:42:5000\n");
        assertContains(files.file(HEALTH_SERVICE), "host --port 9090\n");
        assertContains(files.file(HEALTH_PROBE), "readonly HEALTH_URL='http://127.0.0.1:9090/health'\n");
        assertContains(files.file(HEALTH_PROBE), "--namespace Nautilus \\\n  --metric-name EnclaveHealthy");
        assertContains(files.file(VERIFY_EIF_PCRS), "readonly EXPECTED_PCR1='" + PCR1 + "'\n");
        assertContains(files.file(VERIFY_EIF_PCRS), "readonly EXPECTED_PCR2='" + PCR2 + "'\n");
        assertContains(files.userData(), "readonly HOST_JAR_SHA256='" + "ab".repeat(32) + "'\n");
        assertContains(files.userData(), "sha256sum --check --strict");
        assertContains(files.userData(), "readonly HEALTH_METRICS='true'\n");
        assertContains(files.file(CLOUDWATCH_AGENT_JSON), "\"log_group_name\": \"/nautilus/custom\"");
    }

    @Test
    @DisplayName("a pinned container image is built into the EIF on the host, logging in to ECR when it is private")
    void buildsFromAPinnedImage() {
        var files = HostFilesRenderer.render(parse(with(minimal(), "eifKey", null, "enclaveImage", ECR_IMAGE)));
        var script = files.userData();
        assertContains(script, "readonly ENCLAVE_SOURCE='image'\n");
        assertContains(script, "readonly ENCLAVE_IMAGE='" + ECR_IMAGE + "'\n");
        assertContains(script, "readonly EIF_KEY=''\n");
        assertContains(script, "readonly ECR_REGISTRY='123456789012.dkr.ecr.eu-west-1.amazonaws.com'\n");
        assertContains(script, "readonly ECR_REGION='eu-west-1'\n");
        assertContains(script, "nitro-cli build-enclave --docker-uri \"$ENCLAVE_IMAGE\" --output-file \"$EIF\"\n");
        for (var line :
                List.of("retry docker pull \"$ENCLAVE_IMAGE\"", "docker login --username AWS --password-stdin")) {
            assertContains(script, line);
        }
    }
}
