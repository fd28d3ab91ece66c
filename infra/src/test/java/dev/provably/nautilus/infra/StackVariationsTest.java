package dev.provably.nautilus.infra;

import static dev.provably.nautilus.infra.config.ConfigMaps.PCR0;
import static dev.provably.nautilus.infra.config.ConfigMaps.minimal;
import static dev.provably.nautilus.infra.config.ConfigMaps.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provably.nautilus.infra.config.ConfigMaps;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
    @DisplayName("instanceCount 3")
    class ThreeHosts extends Variation {
        @Override
        Map<String, String> config() {
            return with(minimal(), "instanceCount", "3");
        }

        @Test
        @DisplayName("three enclave hosts, each its own component, sharing one network, role and log group")
        void threeHosts() {
            var instances = run.all("aws:ec2/instance:Instance");
            assertEquals(List.of("nautilus-test-host-0", "nautilus-test-host-1", "nautilus-test-host-2"),
                    instances.stream().map(StackRun.Declared::name).sorted().toList());
            assertEquals(3, run.all("nautilus:infra:EnclaveHost").size());
            assertEquals(1, run.all("aws:ec2/vpc:Vpc").size());
            assertEquals(1, run.all("aws:iam/role:Role").size());
            assertEquals(1, run.all("aws:cloudwatch/logGroup:LogGroup").size());
            var userData = instances.stream().map(i -> i.<String>input("userData")).collect(Collectors.toSet());
            assertEquals(1, userData.size(), "every host boots the same way");
        }

        @Test
        @DisplayName("outputs list every host, in host order, and the backend config lists every endpoint")
        void outputsListEveryHost() {
            assertEquals(List.of("198.51.100.10", "198.51.100.11", "198.51.100.12"), run.output("publicIps"));
            assertEquals(List.of("nautilus-test-host-0-id", "nautilus-test-host-1-id", "nautilus-test-host-2-id"),
                    run.output("instanceIds"));
            Map<String, Object> backend = run.output("backendConfig");
            assertEquals(List.of("http://198.51.100.10:5000", "http://198.51.100.11:5000", "http://198.51.100.12:5000"),
                    backend.get("enclaveApiUrls"));
            assertEquals(List.of("http://198.51.100.10:8080/health", "http://198.51.100.11:8080/health",
                    "http://198.51.100.12:8080/health"), backend.get("healthUrls"));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @DisplayName("useSpot false")
    class OnDemand extends Variation {
        @Override
        Map<String, String> config() {
            return with(minimal(), "useSpot", "false", "detailedMonitoring", "true");
        }

        @Test
        @DisplayName("on-demand hosts have no market options; detailed monitoring is on when asked")
        void onDemand() {
            var instance = run.one("aws:ec2/instance:Instance");
            assertNull(instance.input("instanceMarketOptions"));
            assertEquals(true, instance.input("monitoring"));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @DisplayName("useElasticIp true")
    class ElasticIps extends Variation {
        @Override
        Map<String, String> config() {
            return with(minimal(), "useElasticIp", "true", "instanceCount", "2");
        }

        @Test
        @DisplayName("each host gets a VPC Elastic IP attached to its instance")
        void elasticIps() {
            var eips = run.all("aws:ec2/eip:Eip");
            assertEquals(2, eips.size());
            for (var eip : eips) {
                assertEquals("vpc", eip.input("domain"));
                assertEquals(eip.name().replace("-eip", "") + "-id", eip.input("instance"));
                assertEquals("nautilus:infra:EnclaveHost", eip.parentType());
            }
        }

        @Test
        @DisplayName("outputs and backend config use the Elastic IPs, which survive spot stop/start")
        void outputsUseElasticIps() {
            assertEquals(List.of("192.0.2.10", "192.0.2.11"), run.output("publicIps"));
            Map<String, Object> backend = run.output("backendConfig");
            assertEquals(List.of("http://192.0.2.10:5000", "http://192.0.2.11:5000"), backend.get("enclaveApiUrls"));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @DisplayName("SSH off (dev stack with sshCidrs [])")
    class SshOff extends Variation {
        @Override
        Map<String, String> config() {
            return with(ConfigMaps.stackFile("Pulumi.dev.yaml"), "sshCidrs", "[]", "sshKeyName", null);
        }

        @Test
        @DisplayName("no port 22 rule, no key pair, no SSH commands; Session Manager is the way in")
        void noSsh() {
            List<Map<String, Object>> ingress = run.one("aws:ec2/securityGroup:SecurityGroup").input("ingress");
            assertEquals(List.of(5000, 8080), ingress.stream().map(r -> ((Number) r.get("fromPort")).intValue())
                    .sorted().toList());
            assertNull(run.one("aws:ec2/instance:Instance").input("keyName"));
            assertEquals(List.of(), run.output("sshCommands"));
            assertEquals(1, run.<List<String>>output("ssmCommands").size());
            assertEquals(1, run.all("aws:iam/rolePolicy:RolePolicy").stream()
                    .filter(p -> p.name().equals("nautilus-test-ssm")).count());
        }
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
            assertEquals("arn:aws:iam::123456789012:root", admin.getAsJsonObject("Principal").get("AWS").getAsString());
            assertFalse(StackPolicies.strings(admin.get("Action")).contains("kms:Decrypt"));
            var decrypt = statements.get(1);
            assertEquals(ROLE_ARN, decrypt.getAsJsonObject("Principal").get("AWS").getAsString());
            assertEquals(PCR0, decrypt.getAsJsonObject("Condition").getAsJsonObject("StringEqualsIgnoreCase")
                    .get("kms:RecipientAttestation:PCR0").getAsString());
            assertEquals("Deny", statements.get(2).get("Effect").getAsString());

            var alias = run.one("aws:kms/alias:Alias");
            assertEquals("alias/nautilus-test-enclave", alias.input("name"));
            assertEquals("1234abcd-12ab-34cd-56ef-1234567890ab", alias.input("targetKeyId"));
            assertTrue(run.calls.stream().anyMatch(c -> c.token.equals("aws:index/getCallerIdentity:getCallerIdentity")));
        }

        @Test
        @DisplayName("the role may decrypt with that key only, and the key ARN is an output; no SSM policy when disabled")
        void rolePolicy() {
            var policy = run.named("aws:iam/rolePolicy:RolePolicy", "nautilus-test-kms");
            var statement = StackPolicies.statements(policy).get(0);
            assertEquals(List.of(KEY_ARN), StackPolicies.strings(statement.get("Resource")));
            assertEquals(List.of("kms:Decrypt", "kms:GenerateDataKey"), StackPolicies.strings(statement.get("Action")));
            assertEquals(KEY_ARN, run.output("kmsKeyArn"));
            assertTrue(run.all("aws:iam/rolePolicy:RolePolicy").stream().noneMatch(p -> p.name().endsWith("-ssm")));
            assertEquals(List.of(), run.output("ssmCommands"));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @DisplayName("enableAlarms true with a topic, and debugMode true")
    class AlarmsAndDebug extends Variation {
        private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:ops";

        @Override
        Map<String, String> config() {
            return with(minimal(), "enableAlarms", "true", "alarmTopicArn", TOPIC, "debugMode", "true");
        }

        @Test
        @DisplayName("each host gets a status-check alarm and an enclave-health alarm notifying the topic")
        void alarms() {
            var alarms = run.all("aws:cloudwatch/metricAlarm:MetricAlarm");
            assertEquals(2, alarms.size());
            var status = run.named("aws:cloudwatch/metricAlarm:MetricAlarm", "nautilus-test-alarms-0-status-check");
            assertEquals("AWS/EC2", status.input("namespace"));
            assertEquals("StatusCheckFailed", status.input("metricName"));
            assertEquals(Map.of("InstanceId", "nautilus-test-host-0-id"), status.input("dimensions"));
            assertEquals(List.of(TOPIC), status.input("alarmActions"));
            var health = run.named("aws:cloudwatch/metricAlarm:MetricAlarm", "nautilus-test-alarms-0-enclave-unhealthy");
            assertEquals("Nautilus", health.input("namespace"));
            assertEquals("EnclaveHealthy", health.input("metricName"));
            assertEquals("LessThanThreshold", health.input("comparisonOperator"));
            assertEquals("breaching", health.input("treatMissingData"));
            assertEquals(1, run.all("aws:iam/rolePolicy:RolePolicy").stream()
                    .filter(p -> p.name().equals("nautilus-test-health-metric")).count());
            assertTrue(run.one("aws:ec2/instance:Instance").<String>input("userData")
                    .contains("readonly HEALTH_METRICS='true'\n"));
        }

        @Test
        @DisplayName("debug mode is loud: a warning output, allowDebug in the backend config, --debug-mode on the host")
        void debugIsLoud() {
            assertEquals(true, run.output("debugMode"));
            assertTrue(run.<String>output("debugModeWarning").startsWith("DEBUG MODE:"));
            Map<String, Object> backend = run.output("backendConfig");
            assertEquals(true, backend.get("allowDebug"));
            assertTrue(run.one("aws:ec2/instance:Instance").<String>input("userData").contains(" --debug-mode\n"));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @DisplayName("pinned AMI and a private ECR image")
    class PinnedImage extends Variation {
        private static final String IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/nautilus/enclave@sha256:"
                + "d".repeat(64);

        @Override
        Map<String, String> config() {
            return with(minimal(), "amiId", "ami-0fedcba9876543210", "eifKey", null, "enclaveImage", IMAGE,
                    "expectedPcr1", ConfigMaps.PCR1);
        }

        @Test
        @DisplayName("a pinned AMI skips the lookup; the role may pull that one repository and read only the host jar")
        void pinned() {
            assertEquals("ami-0fedcba9876543210", run.one("aws:ec2/instance:Instance").input("ami"));
            assertTrue(run.calls.stream().noneMatch(c -> c.token.equals("aws:ec2/getAmi:getAmi")));
            var ecr = StackPolicies.statements(run.named("aws:iam/rolePolicy:RolePolicy", "nautilus-test-ecr"));
            assertEquals(List.of("arn:aws:ecr:us-east-1:123456789012:repository/nautilus/enclave"),
                    StackPolicies.strings(ecr.get(1).get("Resource")));
            var artifacts = StackPolicies.statements(run.named("aws:iam/rolePolicy:RolePolicy", "nautilus-test-artifacts"));
            assertEquals(List.of("arn:aws:s3:::nautilus-test-artifacts/nautilus-enclave.jar"),
                    StackPolicies.strings(artifacts.get(0).get("Resource")));
            assertEquals(Map.of("0", PCR0, "1", ConfigMaps.PCR1), run.output("expectedPcrs"));
        }
    }
}
