package dev.provably.nautilus.infra.config;

import dev.provably.nautilus.gate.BackendConfig;
import java.util.Optional;

/**
 * Every project-namespace setting the program reads, with the type, default and description that
 * {@code Pulumi.yaml} declares for it (a test keeps the two in step). A {@code null} default marks a
 * required key; an empty string means "not set" for optional strings.
 */
public enum ConfigKey {
    ZONE_COUNT(
            "zoneCount",
            Type.INTEGER,
            "2",
            "Number of availability zones (one public subnet each) the hosts spread over, 2 to 6; zones are chosen at deploy time among those offering instanceType."),
    INSTANCE_TYPE(
            "instanceType",
            Type.STRING,
            "c6a.xlarge",
            "EC2 instance type; must be in the supported Nitro Enclaves table (x86_64, at least 4 vCPUs)."),
    INSTANCE_COUNT(
            "instanceCount",
            Type.INTEGER,
            "1",
            "Desired number of enclave hosts in the Auto Scaling group, minInstances to maxInstances."),
    MIN_INSTANCES("minInstances", Type.INTEGER, "1", "Minimum size of the Auto Scaling group, 1 to 100."),
    MAX_INSTANCES(
            "maxInstances",
            Type.INTEGER,
            "2",
            "Maximum size of the Auto Scaling group, minInstances to 100 (room for instance refresh and rebalancing)."),
    AMI_ID(
            "amiId",
            Type.STRING,
            "",
            "Pin an AMI (ami-...). Empty: Amazon Linux 2023 (default kernel, x86_64) from its SSM public parameter, resolved on the first deploy and kept (output amiId) until you set this."),
    USE_SPOT(
            "useSpot",
            Type.BOOLEAN,
            "true",
            "Run the hosts above onDemandBaseCapacity as spot instances, price-capacity-optimized over same-shape types (false: all on-demand)."),
    ON_DEMAND_BASE_CAPACITY(
            "onDemandBaseCapacity",
            Type.INTEGER,
            "0",
            "With useSpot: how many hosts are always on-demand, 0 to maxInstances."),
    SPOT_MAX_PRICE(
            "spotMaxPrice",
            Type.STRING,
            "",
            "Optional spot maximum price in USD per instance-hour (e.g. 0.25). Empty (recommended): at most the on-demand price."),
    MIN_HEALTHY_PERCENTAGE(
            "minHealthyPercentage",
            Type.INTEGER,
            "100",
            "Instance refresh: share of desired capacity that stays in service while hosts are replaced, 0 to 100."),
    ROOT_VOLUME_SIZE_GB(
            "rootVolumeSizeGb", Type.INTEGER, "30", "Size of the encrypted gp3 root volume in GiB, 8 to 16384."),
    DETAILED_MONITORING("detailedMonitoring", Type.BOOLEAN, "false", "Enable EC2 detailed (1-minute) monitoring."),
    LOAD_BALANCER(
            "loadBalancer",
            Type.STRING,
            "nlb",
            "nlb: a cross-zone network load balancer in front of the hosts. none: single-host mode (the cheapest dev stack; one host with an Elastic IP)."),
    TLS_CERTIFICATE_ARN(
            "tlsCertificateArn",
            Type.STRING,
            "",
            "Optional ACM certificate ARN: the load balancer then serves the API over TLS on port 443 (and not in plain TCP)."),
    ENCLAVE_CPU_COUNT(
            "enclaveCpuCount",
            Type.INTEGER,
            "2",
            "vCPUs given to the enclave: even (whole cores) and leaving at least 2 vCPUs to the parent."),
    ENCLAVE_MEMORY_MIB(
            "enclaveMemoryMib",
            Type.INTEGER,
            "6144",
            "Memory given to the enclave in MiB: at least 64 and at least 4 times the EIF size (checked on the host), leaving at least 1536 MiB to the parent."),
    ENCLAVE_CID("enclaveCid", Type.INTEGER, "16", "vsock context id of the enclave, 4 to 4294967294."),
    API_PORT(
            "apiPort",
            Type.INTEGER,
            "5000",
            "Host TCP port of the enclave API (the vsock proxy listens here), 1024 to 65535."),
    HEALTH_PORT("healthPort", Type.INTEGER, "8080", "Host TCP port of the health endpoint, 1024 to 65535."),
    SSH_CIDRS(
            "sshCidrs",
            Type.STRING_ARRAY,
            "[]",
            "IPv4 CIDRs allowed to reach SSH (port 22). Empty: no SSH ingress at all (use SSM Session Manager)."),
    ALLOW_SSH_FROM_ANYWHERE(
            "allowSshFromAnywhere", Type.BOOLEAN, "false", "Must be true before sshCidrs may contain 0.0.0.0/0."),
    SSH_KEY_NAME(
            "sshKeyName", Type.STRING, "", "Name of an existing EC2 key pair; required when sshCidrs is not empty."),
    API_CIDRS("apiCidrs", Type.STRING_ARRAY, "[]", "IPv4 CIDRs allowed to reach the enclave API port. Empty: none."),
    HEALTH_CIDRS("healthCidrs", Type.STRING_ARRAY, "[]", "IPv4 CIDRs allowed to reach the health port. Empty: none."),
    ENABLE_SSM(
            "enableSsm",
            Type.BOOLEAN,
            "true",
            "Allow SSM Session Manager shells (the minimal Session Manager permissions only)."),
    LOG_RETENTION_DAYS(
            "logRetentionDays",
            Type.INTEGER,
            "7",
            "Log group retention in days; one of CloudWatch's allowed values (0 = never expire)."),
    LOG_GROUP_NAME(
            "logGroupName",
            Type.STRING,
            "",
            "CloudWatch log group name. Empty: /aws/ec2/<project>-nitro-enclave (set it when two stacks share an account and region)."),
    ENABLE_ALARMS(
            "enableAlarms",
            Type.BOOLEAN,
            "true",
            "Create CloudWatch alarms (unhealthy targets, enclave unhealthy, fewer hosts in service than desired) and the health metric probe."),
    ALARM_TOPIC_ARN(
            "alarmTopicArn", Type.STRING, "", "Existing SNS topic ARN notified by the alarms. Empty: see alarmEmail."),
    ALARM_EMAIL(
            "alarmEmail",
            Type.STRING,
            "",
            "Email address to notify: the stack creates an SNS topic and an email subscription (confirm it from the mail). Not together with alarmTopicArn."),
    ARTIFACT_BUCKET(
            "artifactBucket",
            Type.STRING,
            null,
            "S3 bucket holding the enclave image (EIF) and the host jar; the hosts may read only those two objects."),
    EIF_KEY(
            "eifKey",
            Type.STRING,
            "",
            "S3 key of the enclave image file in artifactBucket. Set exactly one of eifKey and enclaveImage."),
    ENCLAVE_IMAGE(
            "enclaveImage",
            Type.STRING,
            "",
            "Container image pinned by digest (repo@sha256:...), built into an EIF on the host with nitro-cli build-enclave."),
    HOST_JAR_KEY(
            "hostJarKey",
            Type.STRING,
            "nautilus-enclave.jar",
            "S3 key of nautilus-enclave.jar (the parent-side health server) in artifactBucket."),
    HOST_JAR_SHA256(
            "hostJarSha256",
            Type.STRING,
            "",
            "Optional SHA-256 (64 hex) of the host jar; the host refuses a jar that does not match."),
    EXPECTED_PCR0(
            "expectedPcr0",
            Type.STRING,
            null,
            "PCR0 of the enclave image (96 hex, SHA-384), from nitro-cli describe-eif; the host refuses any other image."),
    EXPECTED_PCR1("expectedPcr1", Type.STRING, "", "Optional PCR1 (96 hex) to pin as well."),
    EXPECTED_PCR2("expectedPcr2", Type.STRING, "", "Optional PCR2 (96 hex) to pin as well."),
    EXPECTED_ANALYSIS(
            "expectedAnalysis",
            Type.STRING_ARRAY,
            null,
            "Analysis the verifier accepts reports from (backendConfig expectedAnalysis): policy=<64 hex> and <analyzer>=<64 hex> for each analyzer, as java -jar nautilus-enclave.jar analyze FILE prints them; or the single entry any (unsafe: any analysis the pinned image runs)."),
    CREATE_KMS_KEY(
            "createKmsKey",
            Type.BOOLEAN,
            "false",
            "Create a KMS key whose policy allows kms:Decrypt only with an enclave attestation carrying the expected PCRs."),
    KMS_KEY_ARN(
            "kmsKeyArn",
            Type.STRING,
            "",
            "ARN of an existing KMS key the hosts may decrypt with (attestation-bound); not together with createKmsKey."),
    VERIFIER_PROFILE(
            "verifierProfile",
            Type.STRING,
            "sui",
            "Attestation verification profile written into backendConfig: sui or nsm."),
    MAX_AGE_SECONDS(
            "maxAgeSeconds",
            Type.INTEGER,
            "300",
            "Maximum attestation age the verifier accepts, 1 to " + BackendConfig.MAX_AGE_LIMIT_SECONDS + " seconds."),
    DEBUG_MODE(
            "debugMode",
            Type.BOOLEAN,
            "false",
            "Run the enclave with --debug-mode (attestation PCRs become zeros). Never in production.");

    /** Pulumi.yaml config types used here. */
    public enum Type {
        STRING("string"),
        INTEGER("integer"),
        BOOLEAN("boolean"),
        STRING_ARRAY("array");

        private final String yamlName;

        Type(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }

    private final String key;
    private final Type type;
    private final String defaultValue;
    private final String description;

    ConfigKey(String key, Type type, String defaultValue, String description) {
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The key without namespace, as written in {@code Pulumi.yaml}. */
    public String key() {
        return key;
    }

    public Type type() {
        return type;
    }

    /** The default in its config-string form (what the CLI would pass); empty when required. */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public boolean required() {
        return defaultValue == null;
    }

    public String description() {
        return description;
    }
}
