package dev.provably.nautilus.infra.config;

import static dev.provably.nautilus.infra.config.ConfigMaps.BUCKET;
import static dev.provably.nautilus.infra.config.ConfigMaps.EIF_KEY;
import static dev.provably.nautilus.infra.config.ConfigMaps.MODEL_ID;
import static dev.provably.nautilus.infra.config.ConfigMaps.PCR0;
import static dev.provably.nautilus.infra.config.ConfigMaps.PCR1;
import static dev.provably.nautilus.infra.config.ConfigMaps.PCR2;
import static dev.provably.nautilus.infra.config.ConfigMaps.POLICY_ID;
import static dev.provably.nautilus.infra.config.ConfigMaps.PROVENANCE_ID;
import static dev.provably.nautilus.infra.config.ConfigMaps.minimal;
import static dev.provably.nautilus.infra.config.ConfigMaps.parse;
import static dev.provably.nautilus.infra.config.ConfigMaps.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StackSettingsParserTest {
    private static final String ECR_IMAGE =
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com/nautilus/enclave@sha256:" + "f".repeat(64);
    private static final ExpectedAnalysis PINNED = new ExpectedAnalysis.Pinned(
            POLICY_ID, new TreeMap<>(Map.of("provenance", PROVENANCE_ID, "model", MODEL_ID)));
    private static final String POLICY_ENTRY = "\"policy=" + POLICY_ID + "\"";

    @Test
    @DisplayName("with only the required keys set, every other setting takes its documented default")
    void minimalConfigTakesEveryDefault() {
        var s = parse(minimal());

        assertEquals("nautilus", s.project());
        assertEquals("test", s.stack());
        var network = s.network();
        assertEquals("us-east-1", network.region());
        assertEquals(2, network.zoneCount());
        assertEquals(new LoadBalancing.Nlb(Optional.empty()), network.loadBalancing());
        assertEquals(List.of(), network.sshCidrs());
        assertFalse(network.sshEnabled());
        assertEquals(Optional.empty(), network.sshKeyName());
        assertEquals(List.of(), network.apiCidrs());
        assertEquals(List.of(), network.healthCidrs());
        assertEquals(5000, network.apiPort());
        assertEquals(8080, network.healthPort());
        assertTrue(network.enableSsm());

        var host = s.host();
        assertEquals(new NitroInstanceType("c6a.xlarge", 4, 8192), host.instanceType());
        assertEquals(
                List.of("c6a.xlarge", "c5.xlarge", "c5a.xlarge", "c6i.xlarge", "c7i.xlarge"),
                host.instanceTypes().stream().map(NitroInstanceType::name).toList(),
                "the configured type first, then every listed type of the same shape");
        assertEquals(1, host.desired());
        assertEquals(1, host.min());
        assertEquals(2, host.max());
        assertEquals(Optional.empty(), host.amiId());
        assertEquals(new Market.Spot(0, Optional.empty()), host.market(), "no max price by default");
        assertEquals(30, host.rootVolumeSizeGb());
        assertFalse(host.detailedMonitoring());
        assertEquals(100, host.minHealthyPercentage());

        var enclave = s.enclave();
        assertEquals(2, enclave.cpuCount());
        assertEquals(6144, enclave.memoryMib());
        assertEquals(16, enclave.cid());
        assertEquals(BUCKET, enclave.artifactBucket());
        assertEquals(new EnclaveSource.S3Eif(EIF_KEY), enclave.source());
        assertEquals("nautilus-enclave.jar", enclave.hostJarKey());
        assertEquals(Optional.empty(), enclave.hostJarSha256());
        assertEquals(Map.of("0", PCR0), enclave.expectedPcrs().byIndexString());
        assertFalse(enclave.debugMode());

        assertEquals(new KmsChoice.None(), s.kms());
        assertEquals(
                new ObservabilitySettings(
                        "/aws/ec2/nautilus-nitro-enclave", 7, true, Optional.empty(), Optional.empty()),
                s.observability());
        assertEquals(new VerifierSettings("sui", 300, PINNED), s.verifier());
    }

    @Test
    @DisplayName("reads every setting from a map of namespace:key config-strings, lists as JSON")
    void readsEverySettingFromNamespacedStrings() {
        var config = Map.ofEntries(
                Map.entry("aws:region", "eu-west-1"),
                Map.entry("nautilus:zoneCount", "3"),
                Map.entry("nautilus:loadBalancer", "nlb"),
                Map.entry("nautilus:tlsCertificateArn", "arn:aws:acm:eu-west-1:123456789012:certificate/abcd-1234"),
                Map.entry("nautilus:instanceType", "m6i.2xlarge"),
                Map.entry("nautilus:instanceCount", "3"),
                Map.entry("nautilus:minInstances", "2"),
                Map.entry("nautilus:maxInstances", "5"),
                Map.entry("nautilus:onDemandBaseCapacity", "1"),
                Map.entry("nautilus:minHealthyPercentage", "50"),
                Map.entry("nautilus:amiId", "ami-0abcdef1234567890"),
                Map.entry("nautilus:useSpot", "true"),
                Map.entry("nautilus:spotMaxPrice", "0.25"),
                Map.entry("nautilus:rootVolumeSizeGb", "50"),
                Map.entry("nautilus:detailedMonitoring", "true"),
                Map.entry("nautilus:enclaveCpuCount", "4"),
                Map.entry("nautilus:enclaveMemoryMib", "16384"),
                Map.entry("nautilus:enclaveCid", "42"),
                Map.entry("nautilus:apiPort", "6000"),
                Map.entry("nautilus:healthPort", "9090"),
                Map.entry("nautilus:sshCidrs", "[\"203.0.113.0/24\",\"198.51.100.7/32\"]"),
                Map.entry("nautilus:allowSshFromAnywhere", "false"),
                Map.entry("nautilus:sshKeyName", "ops-key"),
                Map.entry("nautilus:apiCidrs", "[\"10.20.0.0/16\"]"),
                Map.entry("nautilus:healthCidrs", "[\"192.0.2.0/24\"]"),
                Map.entry("nautilus:enableSsm", "false"),
                Map.entry("nautilus:logRetentionDays", "30"),
                Map.entry("nautilus:logGroupName", "/nautilus/prod"),
                Map.entry("nautilus:enableAlarms", "true"),
                Map.entry("nautilus:alarmTopicArn", "arn:aws:sns:eu-west-1:123456789012:ops"),
                Map.entry("nautilus:artifactBucket", "prod-artifacts.example"),
                Map.entry("nautilus:eifKey", ""),
                Map.entry("nautilus:enclaveImage", ECR_IMAGE),
                Map.entry("nautilus:hostJarKey", "host/v1/nautilus-enclave.jar"),
                Map.entry("nautilus:hostJarSha256", "AB".repeat(32)),
                Map.entry("nautilus:expectedPcr0", PCR0.toUpperCase()),
                Map.entry("nautilus:expectedPcr1", PCR1),
                Map.entry("nautilus:expectedPcr2", PCR2),
                Map.entry("nautilus:createKmsKey", "false"),
                Map.entry(
                        "nautilus:kmsKeyArn",
                        "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
                Map.entry("nautilus:verifierProfile", "nsm"),
                Map.entry("nautilus:maxAgeSeconds", "120"),
                Map.entry(
                        "nautilus:expectedAnalysis",
                        "[\"model=" + MODEL_ID.toUpperCase() + "\", \"policy=" + POLICY_ID.toUpperCase()
                                + "\", \"provenance=" + PROVENANCE_ID + "\"]"),
                Map.entry("nautilus:debugMode", "false"));

        var s = parse(config, "prod");

        assertEquals("nautilus-prod", s.namePrefix());
        assertEquals(
                new NetworkSettings(
                        "eu-west-1",
                        3,
                        new LoadBalancing.Nlb(Optional.of("arn:aws:acm:eu-west-1:123456789012:certificate/abcd-1234")),
                        List.of(new Ipv4Cidr("203.0.113.0/24"), new Ipv4Cidr("198.51.100.7/32")),
                        Optional.of("ops-key"),
                        List.of(new Ipv4Cidr("10.20.0.0/16")),
                        List.of(new Ipv4Cidr("192.0.2.0/24")),
                        6000,
                        9090,
                        false),
                s.network());
        assertEquals(
                new HostSettings(
                        List.of(
                                new NitroInstanceType("m6i.2xlarge", 8, 32768),
                                new NitroInstanceType("m5.2xlarge", 8, 32768),
                                new NitroInstanceType("m5a.2xlarge", 8, 32768),
                                new NitroInstanceType("m6a.2xlarge", 8, 32768),
                                new NitroInstanceType("m7i.2xlarge", 8, 32768)),
                        3,
                        2,
                        5,
                        Optional.of("ami-0abcdef1234567890"),
                        new Market.Spot(1, Optional.of(new BigDecimal("0.25"))),
                        50,
                        true,
                        50),
                s.host());
        assertEquals(Optional.of("0.25"), ((Market.Spot) s.host().market()).maxPrice());
        var enclave = s.enclave();
        assertEquals(4, enclave.cpuCount());
        assertEquals(16384, enclave.memoryMib());
        assertEquals(42, enclave.cid());
        assertEquals(
                new EnclaveSource.ContainerImage(
                        ECR_IMAGE,
                        Optional.of(new EnclaveSource.EcrRepository("123456789012", "eu-west-1", "nautilus/enclave"))),
                enclave.source());
        assertEquals(
                "123456789012.dkr.ecr.eu-west-1.amazonaws.com",
                ((EnclaveSource.ContainerImage) enclave.source())
                        .ecr()
                        .orElseThrow()
                        .registry());
        assertEquals("host/v1/nautilus-enclave.jar", enclave.hostJarKey());
        assertEquals(Optional.of("ab".repeat(32)), enclave.hostJarSha256());
        assertEquals(
                Map.of("0", PCR0, "1", PCR1, "2", PCR2),
                enclave.expectedPcrs().byIndexString(),
                "PCRs are normalised to lower case");
        assertEquals(
                new KmsChoice.ExistingKey(
                        "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
                s.kms());
        assertEquals(
                new ObservabilitySettings(
                        "/nautilus/prod",
                        30,
                        true,
                        Optional.of("arn:aws:sns:eu-west-1:123456789012:ops"),
                        Optional.empty()),
                s.observability());
        assertEquals(new VerifierSettings("nsm", 120, PINNED), s.verifier(), "identities are normalised to lower case");
    }

    @Test
    @DisplayName("on-demand, a created KMS key, debug mode, a public image and any analysis are read as such")
    void readsTheOtherChoices() {
        var s = parse(with(
                minimal(),
                "useSpot",
                "false",
                "createKmsKey",
                "true",
                "debugMode",
                "true",
                "expectedAnalysis",
                "[\"any\"]",
                "loadBalancer",
                "none",
                "maxInstances",
                "1",
                "alarmEmail",
                "ops@example.com",
                "eifKey",
                null,
                "enclaveImage",
                "ghcr.io/example/nautilus-enclave@sha256:" + "0".repeat(64)));

        assertEquals(new Market.OnDemand(), s.host().market());
        assertEquals(new LoadBalancing.SingleHost(), s.network().loadBalancing());
        assertEquals(Optional.of("ops@example.com"), s.observability().alarmEmail());
        assertEquals(new KmsChoice.CreateKey(), s.kms());
        assertTrue(s.enclave().debugMode());
        assertEquals(new ExpectedAnalysis.Any(), s.verifier().expectedAnalysis());
        assertEquals("any", s.verifier().expectedAnalysis().backendConfigValue());
        assertEquals(
                new EnclaveSource.ContainerImage(
                        "ghcr.io/example/nautilus-enclave@sha256:" + "0".repeat(64), Optional.empty()),
                s.enclave().source());
    }

    @Test
    @DisplayName("SSH from 0.0.0.0/0 is accepted only when allowSshFromAnywhere forces it")
    void sshFromAnywhereNeedsTheForceFlag() {
        var open = with(minimal(), "sshCidrs", "[\"0.0.0.0/0\"]", "sshKeyName", "k");

        var refused = assertThrows(InvalidConfigException.class, () -> parse(open));
        assertEquals("nautilus:sshCidrs", refused.problems().get(0).key());
        assertTrue(refused.getMessage().contains("nautilus:allowSshFromAnywhere=true"), refused.getMessage());

        var forced = parse(with(open, "allowSshFromAnywhere", "true"));
        assertEquals(List.of(Ipv4Cidr.ANYWHERE), forced.network().sshCidrs());
    }

    @Test
    @DisplayName("every problem is collected and reported together, in one typed exception")
    void collectsEveryProblem() {
        var config = with(
                minimal(),
                "aws:region",
                null,
                "instanceType",
                "t3.large",
                "instanceCount",
                "0",
                "spotMaxPrice",
                "0",
                "sshCidrs",
                "[\"0.0.0.0/0\"]",
                "expectedPcr0",
                "abc",
                "logRetentionDays",
                "10");

        var e = assertThrows(InvalidConfigException.class, () -> parse(config));

        assertEquals(
                List.of(
                        "aws:region",
                        "nautilus:sshCidrs",
                        "nautilus:sshKeyName",
                        "nautilus:instanceType",
                        "nautilus:instanceCount",
                        "nautilus:spotMaxPrice",
                        "nautilus:expectedPcr0",
                        "nautilus:logRetentionDays"),
                e.problems().stream().map(ConfigProblem::key).toList());
        assertTrue(e.getMessage().startsWith("invalid stack configuration (8 problems):"), e.getMessage());
        e.problems().forEach(p -> assertTrue(e.getMessage().contains("  - " + p.key() + ": " + p.message())));
    }

    record Case(String name, Map<String, String> config, String key, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case bad(String key, String value, String message) {
        return new Case(
                key + "=" + value, with(minimal(), key, value), key.contains(":") ? key : "nautilus:" + key, message);
    }

    static Case bad(String name, Map<String, String> config, String key, String message) {
        return new Case(name, config, key.contains(":") ? key : "nautilus:" + key, message);
    }

    static Stream<Case> badValues() {
        var ssh = with(minimal(), "sshKeyName", "ops");
        return Stream.of(
                bad("aws:region", "US-EAST-1", "'US-EAST-1' is not an AWS region name like us-east-1"),
                bad("missing region", with(minimal(), "aws:region", null), "aws:region", "is required"),
                bad("zoneCount", "1", "allowed: an integer from 2 to 6"),
                bad("loadBalancer", "alb", "'alb' is not allowed; allowed: nlb or none (single host)"),
                bad(
                        "single host of two",
                        with(minimal(), "loadBalancer", "none", "instanceCount", "1", "maxInstances", "2"),
                        "loadBalancer",
                        "none (single-host mode) runs exactly one host"),
                bad("tlsCertificateArn", "my-cert", "is not an ACM certificate ARN"),
                bad(
                        "TLS without balancer",
                        with(
                                minimal(),
                                "loadBalancer",
                                "none",
                                "maxInstances",
                                "1",
                                "tlsCertificateArn",
                                "arn:aws:acm:us-east-1:123456789012:certificate/abc"),
                        "tlsCertificateArn",
                        "needs nautilus:loadBalancer=nlb"),
                bad(
                        "desired above max",
                        with(minimal(), "instanceCount", "3"),
                        "instanceCount",
                        "3 is outside nautilus:minInstances..nautilus:maxInstances (1..2)"),
                bad("min above desired", with(minimal(), "minInstances", "2"), "instanceCount", "is outside"),
                bad("onDemandBaseCapacity", "3", "3 exceeds nautilus:maxInstances (2); allowed: 0 to 2"),
                bad(
                        "price without spot",
                        with(minimal(), "useSpot", "false", "spotMaxPrice", "0.2"),
                        "useSpot",
                        "have no effect"),
                bad("minHealthyPercentage", "101", "allowed: an integer from 0 to 100"),
                bad(
                        "instanceType",
                        "t3.large",
                        "is not a supported Nitro Enclaves parent type; allowed families: c5, c5a, c6a"),
                bad(
                        "instanceType",
                        "c6a.large",
                        "'c6a.large' is not a supported size; allowed c6a sizes: xlarge, 2xlarge, 4xlarge"),
                bad("instanceType", "c6a.metal", "allowed c6a sizes: xlarge"),
                bad("instanceCount", "0", "0 is out of range; allowed: an integer from 1 to 100"),
                bad("instanceCount", "three", "'three' is not an integer; allowed: an integer from 1 to 100"),
                bad("amiId", "ami-123", "is not an AMI id"),
                bad("useSpot", "yes", "'yes' is not a boolean; allowed: true or false"),
                bad(
                        "spotMaxPrice",
                        "0",
                        "'0' is not a positive price; allowed: a decimal number of USD per hour greater than 0"),
                bad("spotMaxPrice", "-0.10", "is not a positive price"),
                bad("spotMaxPrice", "ten cents", "is not a positive price"),
                bad("rootVolumeSizeGb", "4", "allowed: an integer from 8 to 16384"),
                bad("enclaveCpuCount", "3", "3 is odd; allowed: an even number"),
                bad(
                        "enclaveCpuCount",
                        "4",
                        "4 vCPUs do not fit c6a.xlarge (4 vCPUs, at least 2 stay with the parent); allowed: 2 to 2"),
                bad("enclaveCpuCount", "1", "allowed: an integer from 2 to 1024"),
                bad(
                        "enclaveMemoryMib",
                        "7680",
                        "7680 MiB does not fit c6a.xlarge (8192 MiB, at least 1536 MiB stay with the parent); allowed: 64 to 6656"),
                bad("enclaveMemoryMib", "32", "32 is out of range"),
                bad("enclaveCid", "3", "allowed: an integer from 4 to 4294967294"),
                bad("enclaveCid", "4294967295", "allowed: an integer from 4 to 4294967294"),
                bad("apiPort", "80", "allowed: an integer from 1024 to 65535"),
                bad("healthPort", "70000", "allowed: an integer from 1024 to 65535"),
                bad("healthPort", "5000", "must differ from nautilus:apiPort (both are 5000)"),
                bad("sshCidrs", "203.0.113.0/24", "is not a list; allowed: a list of strings"),
                bad(
                        "host bits",
                        with(ssh, "sshCidrs", "[\"10.0.0.1/8\"]"),
                        "sshCidrs",
                        "'10.0.0.1/8' has host bits set; did you mean 10.0.0.0/8?"),
                bad("octet", with(ssh, "sshCidrs", "[\"300.1.1.0/24\"]"), "sshCidrs", "invalid octet '300'"),
                bad("prefix", with(ssh, "sshCidrs", "[\"10.0.0.0/33\"]"), "sshCidrs", "invalid prefix length"),
                bad(
                        "anywhere",
                        with(ssh, "sshCidrs", "[\"0.0.0.0/0\"]"),
                        "sshCidrs",
                        "0.0.0.0/0 would open SSH to the whole internet"),
                bad(
                        "no key pair",
                        with(minimal(), "sshCidrs", "[\"203.0.113.0/24\"]"),
                        "sshKeyName",
                        "is required when nautilus:sshCidrs is not empty"),
                bad("sshKeyName", "my key!", "is not a key pair name"),
                bad("apiCidrs", "[\"2001:db8::/32\"]", "'2001:db8::/32' is not an IPv4 CIDR"),
                bad("apiCidrs", "[42]", "item 42 is not a string"),
                bad("healthCidrs", "[\"192.0.2.0/24\",\"192.0.2.0/24\"]", "'192.0.2.0/24' is listed twice"),
                bad("enableSsm", "1", "allowed: true or false"),
                bad(
                        "logRetentionDays",
                        "10",
                        "10 is not a CloudWatch retention period; allowed: [0, 1, 3, 5, 7, 14, 30"),
                bad("logGroupName", "my logs", "is not a log group name"),
                bad("enableAlarms", "maybe", "allowed: true or false"),
                bad("alarmTopicArn", "ops-topic", "is not an SNS topic ARN"),
                bad(
                        "topic without alarms",
                        with(
                                minimal(),
                                "enableAlarms",
                                "false",
                                "alarmTopicArn",
                                "arn:aws:sns:us-east-1:123456789012:ops"),
                        "alarmTopicArn",
                        "has no effect unless nautilus:enableAlarms is true"),
                bad("alarmEmail", "not-an-address", "is not an email address"),
                bad(
                        "topic and email",
                        with(
                                minimal(),
                                "alarmEmail",
                                "ops@example.com",
                                "alarmTopicArn",
                                "arn:aws:sns:us-east-1:123456789012:ops"),
                        "alarmEmail",
                        "allowed: one of the two"),
                bad("missing bucket", with(minimal(), "artifactBucket", null), "artifactBucket", "is required"),
                bad("artifactBucket", "Bad_Bucket", "is not an S3 bucket name"),
                bad("artifactBucket", "192.168.1.10", "is not an S3 bucket name"),
                bad("eifKey", "../etc/passwd", "is not allowed; allowed: an S3 key of"),
                bad("eifKey", "a//b.eif", "is not allowed"),
                bad("hostJarKey", "/abs/path.jar", "is not allowed"),
                bad("neither image", with(minimal(), "eifKey", null), "eifKey", "set exactly one of nautilus:eifKey"),
                bad("both images", with(minimal(), "enclaveImage", ECR_IMAGE), "eifKey", "both are set"),
                bad(
                        "unpinned image",
                        with(minimal(), "eifKey", null, "enclaveImage", "example/enclave:latest"),
                        "enclaveImage",
                        "is not pinned"),
                bad("hostJarSha256", "abc", "is not a SHA-256; allowed: 64 hex characters"),
                bad("missing pcr0", with(minimal(), "expectedPcr0", null), "expectedPcr0", "is required"),
                bad("expectedPcr0", "abcdef0123", "allowed: exactly 96 hex characters (10 given)"),
                bad("expectedPcr0", "g".repeat(96), "is not a SHA-384 measurement"),
                bad("expectedPcr0", "0".repeat(96), "is all zeros"),
                bad("expectedPcr1", "x".repeat(96), "is not a SHA-384 measurement"),
                bad("expectedPcr2", "ab".repeat(47), "(94 given)"),
                bad("createKmsKey", "on", "allowed: true or false"),
                bad("kmsKeyArn", "alias/nautilus", "is not a KMS key ARN"),
                bad(
                        "both keys",
                        with(
                                minimal(),
                                "createKmsKey",
                                "true",
                                "kmsKeyArn",
                                "arn:aws:kms:us-east-1:123456789012:key/abcd"),
                        "kmsKeyArn",
                        "must be empty when nautilus:createKmsKey is true"),
                bad("verifierProfile", "strict", "allowed: sui or nsm"),
                bad("maxAgeSeconds", "0", "allowed: an integer from 1 to 86400"),
                bad("missing analysis", with(minimal(), "expectedAnalysis", null), "expectedAnalysis", "is required"),
                bad(
                        "expectedAnalysis",
                        "[]",
                        "is empty; allowed: policy=<64 hex> and <analyzer>=<64 hex> for each"
                                + " analyzer, as printed by java -jar nautilus-enclave.jar analyze FILE, or the single entry any (unsafe)"),
                bad(
                        "expectedAnalysis",
                        "policy=" + POLICY_ID,
                        "is not a list; allowed: a list of strings, e.g. [\"policy=<64 hex>\""),
                bad(
                        "expectedAnalysis",
                        "[\"any\", " + POLICY_ENTRY + "]",
                        "any accepts any analysis, so it must be the only entry"),
                bad("expectedAnalysis", "[\"ANY\"]", "'ANY' is not name=<64 hex>"),
                bad(
                        "expectedAnalysis",
                        "[" + POLICY_ENTRY + ", \"Model=" + MODEL_ID + "\"]",
                        "'Model' is not an analyzer name; allowed: policy, or 1 to 32 of a-z 0-9 - starting with a letter"),
                bad(
                        "expectedAnalysis",
                        "[" + POLICY_ENTRY + ", \"" + "m".repeat(33) + "=" + MODEL_ID + "\"]",
                        "is not an analyzer name"),
                bad(
                        "expectedAnalysis",
                        "[" + POLICY_ENTRY + ", \"model=abc\"]",
                        "'model=abc' is not a SHA-256 identity; allowed: exactly 64 hex characters (3 given) after model="),
                bad(
                        "expectedAnalysis",
                        "[\"policy=" + "g".repeat(64) + "\", \"model=" + MODEL_ID + "\"]",
                        "is not a SHA-256 identity"),
                bad(
                        "expectedAnalysis",
                        "[" + POLICY_ENTRY + ", " + POLICY_ENTRY + ", \"model=" + MODEL_ID + "\"]",
                        "'policy' is listed twice; allowed: one identity per name"),
                bad(
                        "expectedAnalysis",
                        "[" + POLICY_ENTRY + ", \"model=" + MODEL_ID + "\", \"model=" + PROVENANCE_ID + "\"]",
                        "'model' is listed twice"),
                bad("expectedAnalysis", "[\"model=" + MODEL_ID + "\"]", "has no policy=<64 hex> entry"),
                bad("expectedAnalysis", "[" + POLICY_ENTRY + "]", "names no analyzer, only the policy"),
                bad("expectedAnalysis", "[" + POLICY_ENTRY + ", 42]", "item 42 is not a string"),
                bad("debugMode", "TRUE", "allowed: true or false"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    @DisplayName("each bad value is rejected with a message naming the key and what is allowed")
    void rejectsBadValue(Case c) {
        var e = assertThrows(InvalidConfigException.class, () -> parse(c.config()));

        assertEquals(1, e.problems().size(), () -> "expected one problem: " + e.getMessage());
        var problem = e.problems().get(0);
        assertEquals(c.key(), problem.key(), e::getMessage);
        assertTrue(problem.message().contains(c.message()), () -> "message was: " + problem.message());
    }

    @Test
    @DisplayName(
            "the real Pulumi.dev.yaml passes the parser: single-host mode, one spot c6a.xlarge, no SSH and no key pair")
    void devStackFileParses() {
        var s = parse(ConfigMaps.stackFile("Pulumi.dev.yaml"), "dev");

        assertEquals("us-east-1", s.network().region());
        assertEquals(new LoadBalancing.SingleHost(), s.network().loadBalancing());
        assertEquals("c6a.xlarge", s.host().instanceType().name());
        assertEquals(
                List.of(1, 1, 1),
                List.of(s.host().min(), s.host().desired(), s.host().max()));
        assertEquals(new Market.Spot(0, Optional.empty()), s.host().market());
        assertEquals(List.of(), s.network().sshCidrs());
        assertEquals(Optional.empty(), s.network().sshKeyName(), "no key pair to create or mention (item 4)");
        assertEquals(List.of(new Ipv4Cidr("203.0.113.0/24")), s.network().apiCidrs());
        assertEquals(3, s.enclave().expectedPcrs().byIndexString().size(), "PCR0, PCR1 and PCR2 pinned");
        assertEquals(6144, s.enclave().memoryMib());
        assertTrue(s.observability().enableAlarms());
        assertFalse(s.enclave().debugMode());
        var analysis =
                assertInstanceOf(ExpectedAnalysis.Pinned.class, s.verifier().expectedAnalysis());
        assertEquals(
                List.of("c2pa", "model", "provenance"),
                List.copyOf(analysis.analyzers().keySet()),
                "every shipped analyzer pinned");
    }

    @Test
    @DisplayName(
            "the example Pulumi.prod.yaml: 2..4 hosts over 3 zones behind TLS, one on-demand base host, alarms mailed")
    void prodStackFileParses() {
        var s = parse(ConfigMaps.stackFile("Pulumi.prod.yaml"), "prod");

        var nlb = assertInstanceOf(LoadBalancing.Nlb.class, s.network().loadBalancing());
        assertTrue(nlb.tlsCertificateArn().isPresent());
        assertEquals(3, s.network().zoneCount());
        assertEquals(
                List.of(2, 2, 4),
                List.of(s.host().min(), s.host().desired(), s.host().max()));
        assertEquals(new Market.Spot(1, Optional.empty()), s.host().market());
        assertEquals(Optional.of("oncall@example.com"), s.observability().alarmEmail());
        assertEquals(3, s.enclave().expectedPcrs().byIndexString().size());
        var analysis =
                assertInstanceOf(ExpectedAnalysis.Pinned.class, s.verifier().expectedAnalysis());
        assertEquals(
                List.of("c2pa", "model", "provenance"),
                List.copyOf(analysis.analyzers().keySet()));
    }
}
