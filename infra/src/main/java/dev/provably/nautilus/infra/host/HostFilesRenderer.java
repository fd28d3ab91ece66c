package dev.provably.nautilus.infra.host;

import dev.provably.nautilus.infra.config.EnclaveSettings;
import dev.provably.nautilus.infra.config.EnclaveSource;
import dev.provably.nautilus.infra.config.KmsChoice;
import dev.provably.nautilus.infra.config.LoadBalancing;
import dev.provably.nautilus.infra.config.ObservabilitySettings;
import dev.provably.nautilus.infra.config.StackSettings;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the parent-side files (systemd units, scripts, agent and allocator config) and the user data
 * that installs them, from the templates in this package's resources. Pure: the same settings always
 * give the same bytes, so an unchanged stack never replaces its hosts.
 */
public final class HostFilesRenderer {
    /** EC2 rejects user data above 16 KiB (before base64). */
    public static final int USER_DATA_LIMIT_BYTES = 16 * 1024;

    /** The health server's heap cap: far below what the parent keeps (PARENT_MIN_MEMORY_MIB). */
    public static final int HEALTH_HEAP_MIB = 256;

    static final String HEREDOC_END = "NAUTILUS_EOF";

    public static final String ALLOCATOR = "/etc/nitro_enclaves/allocator.yaml";
    public static final String VERIFY_EIF_PCRS = "/opt/nautilus/bin/verify-eif-pcrs.sh";
    public static final String RUN_ENCLAVE = "/opt/nautilus/bin/run-enclave.sh";
    public static final String HEALTH_PROBE = "/opt/nautilus/bin/health-probe.sh";
    public static final String ENCLAVE_SERVICE = "/etc/systemd/system/nautilus-enclave.service";
    public static final String VSOCK_PROXY_SERVICE = "/etc/systemd/system/nautilus-vsock-proxy.service";
    public static final String HEALTH_SERVICE = "/etc/systemd/system/nautilus-health.service";
    public static final String HEALTH_PROBE_SERVICE = "/etc/systemd/system/nautilus-health-probe.service";
    public static final String HEALTH_PROBE_TIMER = "/etc/systemd/system/nautilus-health-probe.timer";
    public static final String ENCLAVE_CONSOLE_SERVICE = "/etc/systemd/system/nautilus-enclave-console.service";
    public static final String CLOUDWATCH_AGENT_JSON =
            "/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json";
    public static final String LOGROTATE = "/etc/logrotate.d/nautilus";
    public static final String KMS_ALLOWLIST = "/etc/nautilus/kms-vsock-proxy.yaml";
    public static final String KMS_PROXY_SERVICE = "/etc/systemd/system/nautilus-kms-proxy.service";
    public static final String SUPPORT_BRIDGE_SERVICE = "/etc/systemd/system/nautilus-support-bridge.service";

    /** The parent's vsock port where vsock-proxy takes the enclave's connections to KMS. */
    public static final int KMS_PROXY_VSOCK_PORT = 8000;
    /** The host jar's support endpoint: a loopback TCP port, bridged to the same vsock port. */
    public static final int SUPPORT_PORT = 8001;

    private HostFilesRenderer() {}

    public static HostFiles render(StackSettings settings) {
        var enclave = settings.enclave();
        var scalars = scalars(settings);

        // Each file: its path on the host, its template, and its placeholder in user-data.sh.
        var files = new LinkedHashMap<String, String>();
        var blocks = new LinkedHashMap<String, String>();
        add(files, blocks, scalars, ALLOCATOR, "allocator.yaml", "allocatorYaml");
        add(files, blocks, scalars, VERIFY_EIF_PCRS, "verify-eif-pcrs.sh", "verifyEifPcrsSh");
        add(files, blocks, scalars, RUN_ENCLAVE, "run-enclave.sh", "runEnclaveSh");
        add(files, blocks, scalars, HEALTH_PROBE, "health-probe.sh", "healthProbeSh");
        add(files, blocks, scalars, ENCLAVE_SERVICE, "nautilus-enclave.service", "enclaveService");
        add(files, blocks, scalars, VSOCK_PROXY_SERVICE, "nautilus-vsock-proxy.service", "vsockProxyService");
        add(files, blocks, scalars, HEALTH_SERVICE, "nautilus-health.service", "healthService");
        add(files, blocks, scalars, HEALTH_PROBE_SERVICE, "nautilus-health-probe.service", "healthProbeService");
        add(files, blocks, scalars, HEALTH_PROBE_TIMER, "nautilus-health-probe.timer", "healthProbeTimer");
        add(
                files,
                blocks,
                scalars,
                ENCLAVE_CONSOLE_SERVICE,
                "nautilus-enclave-console.service",
                "enclaveConsoleService");
        add(files, blocks, scalars, CLOUDWATCH_AGENT_JSON, "amazon-cloudwatch-agent.json", "cloudwatchAgentJson");
        add(files, blocks, scalars, LOGROTATE, "logrotate.conf", "logrotateConf");
        String kmsPath = "";
        if (kmsHost(settings).isPresent()) {
            var kmsBlocks = new LinkedHashMap<String, String>();
            add(files, kmsBlocks, scalars, KMS_ALLOWLIST, "kms-vsock-proxy.yaml", "kmsAllowlist");
            add(files, kmsBlocks, scalars, KMS_PROXY_SERVICE, "nautilus-kms-proxy.service", "kmsProxyService");
            add(
                    files,
                    kmsBlocks,
                    scalars,
                    SUPPORT_BRIDGE_SERVICE,
                    "nautilus-support-bridge.service",
                    "supportBridgeService");
            var snippet = Template.load("kms-path.sh");
            kmsPath = snippet.render(used(snippet, scalars), kmsBlocks);
        }
        blocks.put("kmsPath", kmsPath);

        var source = enclave.source();
        var image = source instanceof EnclaveSource.ContainerImage ? (EnclaveSource.ContainerImage) source : null;
        var userDataScalars = Map.ofEntries(
                Map.entry("region", settings.network().region()),
                Map.entry("artifactBucket", enclave.artifactBucket()),
                Map.entry("hostJarKey", enclave.hostJarKey()),
                Map.entry("hostJarSha256", enclave.hostJarSha256().orElse("")),
                Map.entry("enclaveSource", image == null ? "eif" : "image"),
                Map.entry("eifKey", source instanceof EnclaveSource.S3Eif ? ((EnclaveSource.S3Eif) source).key() : ""),
                Map.entry("enclaveImage", image == null ? "" : image.reference()),
                Map.entry(
                        "ecrRegistry",
                        image == null
                                ? ""
                                : image.ecr()
                                        .map(EnclaveSource.EcrRepository::registry)
                                        .orElse("")),
                Map.entry(
                        "ecrRegion",
                        image == null
                                ? ""
                                : image.ecr()
                                        .map(EnclaveSource.EcrRepository::region)
                                        .orElse("")),
                Map.entry(
                        "healthMetrics",
                        Boolean.toString(settings.observability().enableAlarms())),
                Map.entry("debugMode", Boolean.toString(enclave.debugMode())),
                Map.entry(
                        "kmsUnits",
                        kmsPath.isEmpty() ? "" : " nautilus-kms-proxy.service nautilus-support-bridge.service"),
                Map.entry(
                        "elasticIpName",
                        settings.network().loadBalancing() instanceof LoadBalancing.SingleHost
                                ? elasticIpName(settings)
                                : ""));
        var userData = Template.load("user-data.sh").render(userDataScalars, blocks);

        int size = userData.getBytes(StandardCharsets.UTF_8).length;
        if (size > USER_DATA_LIMIT_BYTES) {
            throw new IllegalStateException(
                    "rendered user data is " + size + " bytes; EC2 allows " + USER_DATA_LIMIT_BYTES);
        }
        return new HostFiles(userData, files);
    }

    /** The Name tag of the single-host mode's Elastic IP, by which the host finds it. */
    public static String elasticIpName(StackSettings settings) {
        return settings.namePrefix() + "-host-eip";
    }

    private static void add(
            Map<String, String> files,
            Map<String, String> blocks,
            Map<String, String> scalars,
            String hostPath,
            String resource,
            String placeholder) {
        var template = Template.load(resource);
        var content = template.render(used(template, scalars));
        for (var line : content.split("\n", -1)) {
            if (line.equals(HEREDOC_END)) {
                throw new IllegalStateException(resource + " contains the heredoc terminator " + HEREDOC_END);
            }
        }
        files.put(hostPath, content);
        blocks.put(placeholder, content);
    }

    /** The subset of the shared values a template refers to (rendering rejects unused values). */
    private static Map<String, String> used(Template template, Map<String, String> scalars) {
        var subset = new LinkedHashMap<String, String>();
        scalars.forEach((key, value) -> {
            if (template.mentions(key)) {
                subset.put(key, value);
            }
        });
        return subset;
    }

    /**
     * The KMS endpoint the enclave uses, when the stack has a key: the key's own region (an existing
     * key may live in another region than the hosts), in the China partition's domain there.
     */
    static Optional<String> kmsHost(StackSettings settings) {
        String region;
        if (settings.kms() instanceof KmsChoice.CreateKey) {
            region = settings.network().region();
        } else if (settings.kms() instanceof KmsChoice.ExistingKey existing) {
            region = existing.arn().split(":")[3];
        } else {
            return Optional.empty();
        }
        return Optional.of("kms." + region + (region.startsWith("cn-") ? ".amazonaws.com.cn" : ".amazonaws.com"));
    }

    /** Values shared by the unit, script and config templates. */
    private static Map<String, String> scalars(StackSettings settings) {
        EnclaveSettings enclave = settings.enclave();
        var pcrs = enclave.expectedPcrs();
        var values = new LinkedHashMap<String, String>();
        values.put("region", settings.network().region());
        values.put("enclaveCpuCount", Integer.toString(enclave.cpuCount()));
        values.put("enclaveMemoryMib", Integer.toString(enclave.memoryMib()));
        values.put("enclaveCid", Long.toString(enclave.cid()));
        values.put("enclaveVsockPort", Integer.toString(EnclaveSettings.ENCLAVE_VSOCK_PORT));
        values.put("debugModeFlag", enclave.debugMode() ? " --debug-mode" : "");
        values.put("enclaveMode", enclave.debugMode() ? "DEBUG" : "production");
        values.put("expectedPcr0", pcrs.pcr0());
        values.put("expectedPcr1", pcrs.get(1).orElse(""));
        values.put("expectedPcr2", pcrs.get(2).orElse(""));
        values.put("apiPort", Integer.toString(settings.network().apiPort()));
        values.put("healthPort", Integer.toString(settings.network().healthPort()));
        values.put("logGroupName", settings.observability().logGroupName());
        values.put("metricNamespace", ObservabilitySettings.METRIC_NAMESPACE);
        values.put("metricName", ObservabilitySettings.HEALTH_METRIC);
        values.put("stackDimension", ObservabilitySettings.STACK_DIMENSION + "=" + settings.namePrefix());
        values.put("healthHeapMib", Integer.toString(HEALTH_HEAP_MIB));
        var kmsHost = kmsHost(settings);
        values.put(
                "supportArgs",
                kmsHost.isEmpty()
                        ? ""
                        // The sealed records in SSM (not the host's disk), so a replaced host keeps the identity.
                        : " --support-port " + SUPPORT_PORT + " --identity-ssm-prefix "
                                + settings.identityParameterPrefix() + " --ssm-region "
                                + settings.network().region());
        kmsHost.ifPresent(host -> {
            values.put("kmsHost", host);
            values.put("kmsProxyVsockPort", Integer.toString(KMS_PROXY_VSOCK_PORT));
            values.put("kmsAllowlistPath", KMS_ALLOWLIST);
            values.put("supportPort", Integer.toString(SUPPORT_PORT));
        });
        return values;
    }
}
