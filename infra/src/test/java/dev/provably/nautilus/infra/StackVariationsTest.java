package dev.provably.nautilus.infra;

import static dev.provably.nautilus.infra.config.ConfigMaps.PCR0;
import static dev.provably.nautilus.infra.config.ConfigMaps.minimal;
import static dev.provably.nautilus.infra.config.ConfigMaps.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import dev.provably.nautilus.gate.BackendConfig;
import dev.provably.nautilus.infra.config.ConfigMaps;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/** Configuration variations, one mocked run each, shared by the assertions of its nested class. */
class StackVariationsTest {
    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/nautilus-test-host-a1b2c3d";
    private static final String KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    static String userData(StackRun run) {
        var encoded = run.one("aws:ec2/launchTemplate:LaunchTemplate").<String>input("userData");
        return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    }

    abstract static class Variation {
        StackRun run;

        abstract Map<String, String> config();

        @BeforeAll
        void deploy() {
            run = StackRun.build(ConfigMaps.parse(config()));
        }

        @TestFactory
        @DisplayName("policies")
        Stream<DynamicTest> policies() {
            return StackPolicies.all(run, "test");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @DisplayName("3 hosts (2..6) over 3 zones, one on-demand base host, a spot max price, TLS with an ACM certificate")
    class Scaled extends Variation {
        static final String CERTIFICATE =
                "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0000-1111-2222-333344445555";

        @Override
        Map<String, String> config() {
            return with(
                    minimal(),
                    "instanceCount",
                    "3",
                    "minInstances",
                    "2",
                    "maxInstances",
                    "6",
                    "zoneCount",
                    "3",
                    "onDemandBaseCapacity",
                    "1",
                    "spotMaxPrice",
                    "0.25",
                    "minHealthyPercentage",
                    "50",
                    "tlsCertificateArn",
                    CERTIFICATE,
                    "apiCidrs",
                    "[\"198.51.100.0/24\"]");
        }

        @Test
        @DisplayName("three subnets in the first three offering zones, the group sized 3 (2..6) over all of them")
        void scaled() {
            var subnets = run.all("aws:ec2/subnet:Subnet");
            assertEquals(
                    List.of("10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"),
                    subnets.stream()
                            .map(sn -> sn.<String>input("cidrBlock"))
                            .sorted()
                            .toList());
            assertEquals(List.of("us-east-1a", "us-east-1b", "us-east-1c"), run.output("availabilityZones"));
            var group = run.one("aws:autoscaling/group:Group");
            assertEquals(3, group.<List<?>>input("vpcZoneIdentifiers").size());
            assertEquals(3, group.intInput("desiredCapacity"));
            assertEquals(2, group.intInput("minSize"));
            assertEquals(6, group.intInput("maxSize"));
            assertEquals(50, group.intInput("instanceRefresh.preferences.minHealthyPercentage"));
            assertEquals(
                    Map.of(
                            "onDemandAllocationStrategy",
                            "prioritized",
                            "onDemandBaseCapacity",
                            1.0,
                            "onDemandPercentageAboveBaseCapacity",
                            0.0,
                            "spotAllocationStrategy",
                            "price-capacity-optimized",
                            "spotMaxPrice",
                            "0.25"),
                    group.input("mixedInstancesPolicy.instancesDistribution"));
        }

        @Test
        @DisplayName(
                "TLS on 443 with the certificate and a TLS 1.3 policy; backendConfig carries https://<load balancer>")
        void tls() {
            var listener = run.one("aws:lb/listener:Listener");
            assertEquals("TLS", listener.input("protocol"));
            assertEquals(443, listener.intInput("port"));
            assertEquals(CERTIFICATE, listener.input("certificateArn"));
            assertEquals("ELBSecurityPolicy-TLS13-1-2-2021-06", listener.input("sslPolicy"));
            assertEquals(5000, run.one("aws:lb/targetGroup:TargetGroup").intInput("port"));
            Map<String, Object> backend = run.output("backendConfig");
            assertEquals(List.of("https://" + AwsMocks.LB_DNS), backend.get("enclaveApiUrls"));
            assertEquals("https://" + AwsMocks.LB_DNS, run.output("enclaveApiUrl"));
        }

        @Test
        @DisplayName("clients reach the API port from apiCidrs only (the load balancer keeps their address)")
        void clientsFromApiCidrs() {
            List<Map<String, Object>> ingress =
                    run.one("aws:ec2/securityGroup:SecurityGroup").input("ingress");
            var api = ingress.stream()
                    .filter(r -> ((Number) r.get("fromPort")).intValue() == 5000)
                    .toList();
            assertEquals(1, api.size());
            assertEquals(List.of("198.51.100.0/24"), api.get(0).get("cidrBlocks"));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @DisplayName("useSpot false, detailed monitoring")
    class OnDemand extends Variation {
        @Override
        Map<String, String> config() {
            return with(minimal(), "useSpot", "false", "detailedMonitoring", "true");
        }

        @Test
        @DisplayName("all hosts on-demand, no capacity rebalancing (nothing to rebalance); detailed monitoring on")
        void onDemand() {
            var group = run.one("aws:autoscaling/group:Group");
            assertEquals(
                    Map.of(
                            "onDemandAllocationStrategy",
                            "prioritized",
                            "onDemandBaseCapacity",
                            0.0,
                            "onDemandPercentageAboveBaseCapacity",
                            100.0),
                    group.input("mixedInstancesPolicy.instancesDistribution"));
            assertEquals(false, group.input("capacityRebalance"));
            assertEquals(true, run.one("aws:ec2/launchTemplate:LaunchTemplate").input("monitoring.enabled"));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @DisplayName("SSH on (admin CIDR and an existing key pair)")
    class SshOn extends Variation {
        @Override
        Map<String, String> config() {
            return with(minimal(), "sshCidrs", "[\"203.0.113.0/24\"]", "sshKeyName", "ops");
        }

        @Test
        @DisplayName("port 22 from the admin CIDR only, and the key pair in the launch template")
        void ssh() {
            List<Map<String, Object>> ingress =
                    run.one("aws:ec2/securityGroup:SecurityGroup").input("ingress");
            var ssh = ingress.stream()
                    .filter(r -> ((Number) r.get("fromPort")).intValue() == 22)
                    .toList();
            assertEquals(List.of("203.0.113.0/24"), ssh.get(0).get("cidrBlocks"));
            assertEquals("ops", run.one("aws:ec2/launchTemplate:LaunchTemplate").input("keyName"));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @DisplayName("the example Pulumi.prod.yaml")
    class ProdExample extends Variation {
        @Override
        Map<String, String> config() {
            return ConfigMaps.stackFile("Pulumi.prod.yaml");
        }

        @Test
        @DisplayName(
                "2 of 2..4 hosts over 3 zones behind TLS, one on-demand base host, alarms mailed through a created topic")
        void prod() {
            var group = run.one("aws:autoscaling/group:Group");
            assertEquals(3, group.<List<?>>input("vpcZoneIdentifiers").size());
            assertEquals(
                    List.of(2, 2, 4),
                    List.of(group.intInput("minSize"), group.intInput("desiredCapacity"), group.intInput("maxSize")));
            assertEquals("TLS", run.one("aws:lb/listener:Listener").input("protocol"));
            assertEquals(
                    "oncall@example.com",
                    run.one("aws:sns/topicSubscription:TopicSubscription").input("endpoint"));
            assertEquals(3, run.all("aws:cloudwatch/metricAlarm:MetricAlarm").size());
            assertEquals("load-balancer", run.output("endpointMode"));
        }
    }

    @Test
    @DisplayName("too few zones offering the type: the run fails naming the type, the zones found and zoneCount")
    void tooFewZones() {
        var settings = ConfigMaps.parse(with(minimal(), "zoneCount", "3"));
        var run = StackRun.build(settings, new AwsMocks(List.of("us-east-1b", "us-east-1a")));
        assertTrue(run.exitCode != 0);
        assertTrue(
                run.exceptions.stream()
                        .anyMatch(
                                e -> String.valueOf(e.getMessage())
                                        .contains(
                                                "c6a.xlarge is offered in 2 zone(s) of us-east-1 [us-east-1a, us-east-1b], but zoneCount is 3")),
                run.exceptions.toString());
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @DisplayName("createKmsKey true")
    class KmsKey extends Variation {
        @Override
        Map<String, String> config() {
            return with(minimal(), "createKmsKey", "true", "enableSsm", "false");
        }

        @Test
        @DisplayName("a rotating symmetric key whose policy lets only the attested enclave decrypt, and an alias")
        void key() {
            var key = run.one("aws:kms/key:Key");
            assertEquals("nautilus:infra:EnclaveKey", key.parentType());
            assertEquals("ENCRYPT_DECRYPT", key.input("keyUsage"));
            assertEquals(true, key.input("enableKeyRotation"));
            var statements = StackPolicies.statements(key);
            var admin = statements.get(0);
            assertEquals(
                    "arn:aws:iam::123456789012:root",
                    admin.getAsJsonObject("Principal").get("AWS").getAsString());
            assertFalse(StackPolicies.strings(admin.get("Action")).contains("kms:Decrypt"));
            var decrypt = statements.get(1);
            assertEquals(
                    ROLE_ARN, decrypt.getAsJsonObject("Principal").get("AWS").getAsString());
            assertEquals(
                    PCR0,
                    decrypt.getAsJsonObject("Condition")
                            .getAsJsonObject("StringEqualsIgnoreCase")
                            .get("kms:RecipientAttestation:PCR0")
                            .getAsString());
            assertEquals("Deny", statements.get(2).get("Effect").getAsString());

            var alias = run.one("aws:kms/alias:Alias");
            assertEquals("alias/nautilus-test-enclave", alias.input("name"));
            assertEquals("1234abcd-12ab-34cd-56ef-1234567890ab", alias.input("targetKeyId"));
            assertTrue(
                    run.calls.stream().anyMatch(c -> c.token.equals("aws:index/getCallerIdentity:getCallerIdentity")));
        }

        @Test
        @DisplayName(
                "the role may decrypt with that key only, and the key ARN is an output; no SSM policy when disabled")
        void rolePolicy() {
            var policy = run.named("aws:iam/rolePolicy:RolePolicy", "nautilus-test-kms");
            var statement = StackPolicies.statements(policy).get(0);
            assertEquals(List.of(KEY_ARN), StackPolicies.strings(statement.get("Resource")));
            assertEquals(List.of("kms:Decrypt", "kms:GenerateDataKey"), StackPolicies.strings(statement.get("Action")));
            assertEquals(KEY_ARN, run.output("kmsKeyArn"));
            assertTrue(run.all("aws:iam/rolePolicy:RolePolicy").stream()
                    .noneMatch(p -> p.name().endsWith("-ssm")));
            assertTrue(run.<String>output("ssmCommand").startsWith("Session Manager is disabled"));
        }

        @Test
        @DisplayName(
                "with a key, the role reads and writes once this stack's sealed identity parameters, nothing else in SSM")
        void identityRecordsPolicy() {
            var statements = StackPolicies.statements(
                    run.named("aws:iam/rolePolicy:RolePolicy", "nautilus-test-identity-records"));
            assertEquals(1, statements.size());
            assertEquals(
                    List.of("ssm:GetParameter", "ssm:PutParameter"),
                    StackPolicies.strings(statements.get(0).get("Action")));
            assertEquals(
                    List.of("arn:aws:ssm:us-east-1:123456789012:parameter/nautilus/nautilus-test/identity/*"),
                    StackPolicies.strings(statements.get(0).get("Resource")));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @DisplayName("alarmEmail set, debugMode true, and any analysis accepted")
    class AlarmsAndDebug extends Variation {
        private static final String EMAIL = "oncall@example.com";

        @Override
        Map<String, String> config() {
            return with(minimal(), "alarmEmail", EMAIL, "debugMode", "true", "expectedAnalysis", "[\"any\"]");
        }

        @Test
        @DisplayName("an SNS topic with an email subscription; every alarm notifies it; the topic is an output")
        void alarms() {
            var topic = run.one("aws:sns/topic:Topic");
            assertEquals("nautilus:infra:HostAlarms", topic.parentType());
            var subscription = run.one("aws:sns/topicSubscription:TopicSubscription");
            assertEquals("email", subscription.input("protocol"));
            assertEquals(EMAIL, subscription.input("endpoint"));
            var topicArn = "arn:aws:sns:us-east-1:123456789012:nautilus-test-alarms-1a2b3c4";
            assertEquals(topicArn, subscription.input("topic"));
            var alarms = run.all("aws:cloudwatch/metricAlarm:MetricAlarm");
            assertEquals(3, alarms.size());
            alarms.forEach(a -> assertEquals(List.of(topicArn), a.input("alarmActions"), a.name()));
            alarms.forEach(a -> assertEquals(List.of(topicArn), a.input("okActions"), a.name()));
            assertEquals(topicArn, run.output("alarmTopicArn"));
            assertTrue(userData(run).contains("readonly HEALTH_METRICS='true'\n"));
        }

        @Test
        @DisplayName("debug mode is loud: a warning output, allowDebug in the backend config, --debug-mode on the host")
        void debugIsLoud() {
            assertEquals(true, run.output("debugMode"));
            assertTrue(run.<String>output("debugModeWarning").startsWith("DEBUG MODE:"));
            Map<String, Object> backend = run.output("backendConfig");
            assertEquals(true, backend.get("allowDebug"));
            assertTrue(userData(run).contains(" --debug-mode\n"));
        }

        @Test
        @DisplayName(
                "any analysis is loud too: a warning output, and the verifier's written-out \"any\" in the backend config")
        void anyAnalysisIsLoud() {
            assertEquals("any", run.output("expectedAnalysis"));
            assertTrue(run.<String>output("expectedAnalysisWarning").startsWith("ANY ANALYSIS:"));
            Map<String, Object> backend = run.output("backendConfig");
            assertEquals("any", backend.get("expectedAnalysis"));
            var loaded = BackendConfig.fromJson(new Gson().toJson(backend));
            assertTrue(loaded.expectedAnalysis().isEmpty(), "the verifier reads it as its unsafe opt-out");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @DisplayName("enableAlarms false")
    class NoAlarms extends Variation {
        @Override
        Map<String, String> config() {
            return with(minimal(), "enableAlarms", "false");
        }

        @Test
        @DisplayName("no alarms, no health-metric permission, no probe timer")
        void none() {
            assertTrue(run.all("aws:cloudwatch/metricAlarm:MetricAlarm").isEmpty());
            assertTrue(run.all("aws:iam/rolePolicy:RolePolicy").stream()
                    .noneMatch(p -> p.name().endsWith("-health-metric")));
            assertTrue(userData(run).contains("readonly HEALTH_METRICS='false'\n"));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @DisplayName("pinned AMI and a private ECR image")
    class PinnedImage extends Variation {
        private static final String IMAGE =
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/nautilus/enclave@sha256:" + "d".repeat(64);

        @Override
        Map<String, String> config() {
            return with(
                    minimal(),
                    "amiId",
                    "ami-0fedcba9876543210",
                    "eifKey",
                    null,
                    "enclaveImage",
                    IMAGE,
                    "expectedPcr1",
                    ConfigMaps.PCR1);
        }

        @Test
        @DisplayName("a pinned AMI skips the lookup; the role may pull that one repository and read only the host jar")
        void pinned() {
            assertEquals(
                    "ami-0fedcba9876543210",
                    run.one("aws:ec2/launchTemplate:LaunchTemplate").input("imageId"));
            assertTrue(run.calls.stream().noneMatch(c -> c.token.equals("aws:ssm/getParameter:getParameter")));
            var ecr = StackPolicies.statements(run.named("aws:iam/rolePolicy:RolePolicy", "nautilus-test-ecr"));
            assertEquals(
                    List.of("arn:aws:ecr:us-east-1:123456789012:repository/nautilus/enclave"),
                    StackPolicies.strings(ecr.get(1).get("Resource")));
            var artifacts =
                    StackPolicies.statements(run.named("aws:iam/rolePolicy:RolePolicy", "nautilus-test-artifacts"));
            assertEquals(
                    List.of("arn:aws:s3:::nautilus-test-artifacts/nautilus-enclave.jar"),
                    StackPolicies.strings(artifacts.get(0).get("Resource")));
            assertEquals(Map.of("0", PCR0, "1", ConfigMaps.PCR1), run.output("expectedPcrs"));
        }
    }
}
