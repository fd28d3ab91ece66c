package dev.provably.nautilus.infra.iam;

import static dev.provably.nautilus.infra.config.ConfigMaps.PCR0;
import static dev.provably.nautilus.infra.config.ConfigMaps.PCR1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.provably.nautilus.infra.config.EnclaveSource;
import dev.provably.nautilus.infra.config.ExpectedPcrs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HostPoliciesTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/nautilus-test-host-a1b2c3d";
    private static final String KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final AwsAccount ACCOUNT = new AwsAccount("aws", "123456789012");
    private static final ExpectedPcrs PCRS = new ExpectedPcrs(new TreeMap<>(Map.of(0, PCR0, 1, PCR1)));

    static List<JsonObject> statements(String json) {
        var doc = JsonParser.parseString(json).getAsJsonObject();
        assertEquals("2012-10-17", doc.get("Version").getAsString());
        var out = new ArrayList<JsonObject>();
        doc.getAsJsonArray("Statement").forEach(s -> out.add(s.getAsJsonObject()));
        return out;
    }

    static List<String> strings(JsonElement element) {
        var out = new ArrayList<String>();
        if (element.isJsonArray()) {
            ((JsonArray) element).forEach(e -> out.add(e.getAsString()));
        } else {
            out.add(element.getAsString());
        }
        return out;
    }

    @Test
    @DisplayName("only EC2 may assume the host role")
    void trustPolicy() {
        var s = statements(HostPolicies.assumeRoleByEc2());
        assertEquals(1, s.size());
        assertEquals("Allow", s.get(0).get("Effect").getAsString());
        assertEquals(
                "ec2.amazonaws.com",
                s.get(0).getAsJsonObject("Principal").get("Service").getAsString());
        assertEquals(List.of("sts:AssumeRole"), strings(s.get(0).get("Action")));
    }

    @Test
    @DisplayName("logs: write to the stack's log group and its streams only, never create groups")
    void logs() {
        var group = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/ec2/nautilus-nitro-enclave";
        var s = statements(HostPolicies.logs(group)).get(0);
        assertEquals(List.of(group, group + ":*"), strings(s.get("Resource")));
        assertEquals(
                List.of("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"),
                strings(s.get("Action")));
    }

    @Test
    @DisplayName("S3: GetObject on exactly the listed objects")
    void artifacts() {
        var s = statements(HostPolicies.artifacts("aws", "bucket", List.of("host.jar", "enclave/n.eif")))
                .get(0);
        assertEquals(List.of("s3:GetObject"), strings(s.get("Action")));
        assertEquals(
                List.of("arn:aws:s3:::bucket/host.jar", "arn:aws:s3:::bucket/enclave/n.eif"),
                strings(s.get("Resource")));
    }

    @Test
    @DisplayName("ECR: pull from one repository (only the login token is account-wide, as AWS requires)")
    void ecr() {
        var s = statements(HostPolicies.ecrPull(
                "aws", new EnclaveSource.EcrRepository("123456789012", "eu-west-1", "nautilus/enclave")));
        assertEquals(List.of("ecr:GetAuthorizationToken"), strings(s.get(0).get("Action")));
        assertEquals(
                List.of("arn:aws:ecr:eu-west-1:123456789012:repository/nautilus/enclave"),
                strings(s.get(1).get("Resource")));
    }

    @Test
    @DisplayName(
            "KMS (IAM side): exactly the enclave's GenerateDataKey and Decrypt on one key, only with every pinned PCR")
    void kmsDecrypt() {
        var s = statements(HostPolicies.kmsDecrypt(KEY, PCRS)).get(0);
        assertEquals(List.of("kms:Decrypt", "kms:GenerateDataKey"), strings(s.get("Action")));
        assertEquals(List.of(KEY), strings(s.get("Resource")));
        var condition = s.getAsJsonObject("Condition").getAsJsonObject("StringEqualsIgnoreCase");
        assertEquals(PCR0, condition.get("kms:RecipientAttestation:PCR0").getAsString());
        assertEquals(PCR1, condition.get("kms:RecipientAttestation:PCR1").getAsString());
    }

    @Test
    @DisplayName("KMS policies allow the enclave's operations and nothing else of the data plane: the role's"
            + " allowed KMS actions in both documents are exactly GenerateDataKey and Decrypt, each under every PCR")
    void policiesMatchTheEnclaveOperations() {
        var enclaveMakes = List.of("kms:Decrypt", "kms:GenerateDataKey"); // KmsSealer's two calls
        assertEquals(enclaveMakes, HostPolicies.ENCLAVE_KMS_ACTIONS);
        for (var document :
                List.of(HostPolicies.kmsDecrypt(KEY, PCRS), HostPolicies.enclaveKeyPolicy(ACCOUNT, ROLE, PCRS))) {
            for (var statement : statements(document)) {
                var actions = strings(statement.get("Action"));
                boolean dataPlane = actions.stream()
                        .anyMatch(a -> a.startsWith("kms:Decrypt")
                                || a.startsWith("kms:Generate")
                                || a.startsWith("kms:Encrypt")
                                || a.startsWith("kms:ReEncrypt"));
                if (statement.get("Effect").getAsString().equals("Allow") && dataPlane) {
                    assertEquals(enclaveMakes, actions);
                    var pcrs = statement.getAsJsonObject("Condition").getAsJsonObject("StringEqualsIgnoreCase");
                    assertEquals(PCR0, pcrs.get("kms:RecipientAttestation:PCR0").getAsString());
                    assertEquals(PCR1, pcrs.get("kms:RecipientAttestation:PCR1").getAsString());
                }
            }
        }
    }

    @Test
    @DisplayName(
            "KMS key policy: root administers without decrypting, the role decrypts only attested, anyone else is denied")
    void enclaveKeyPolicy() {
        var s = statements(HostPolicies.enclaveKeyPolicy(ACCOUNT, ROLE, PCRS));
        assertEquals(
                List.of(
                        "AccountAdministersKey",
                        "HostUnsealsOnlyForAttestedEnclave",
                        "DenyUnsealWithoutPcr0",
                        "DenyUnsealWithoutPcr1",
                        "DenyReEncryptOutOfKey",
                        "DenyChosenPlaintext"),
                s.stream().map(x -> x.get("Sid").getAsString()).toList());

        var admin = s.get(0);
        assertEquals(
                "arn:aws:iam::123456789012:root",
                admin.getAsJsonObject("Principal").get("AWS").getAsString());
        var adminActions = strings(admin.get("Action"));
        for (var forbidden : List.of(
                "kms:*",
                "kms:Decrypt",
                "kms:ReEncrypt*",
                "kms:GenerateDataKey",
                "kms:GenerateDataKey*",
                "kms:Encrypt")) {
            assertFalse(adminActions.contains(forbidden), forbidden);
        }
        assertTrue(
                adminActions.stream()
                        .noneMatch(a -> a.startsWith("kms:Decrypt")
                                || a.startsWith("kms:Generate")
                                || a.startsWith("kms:ReEncrypt")),
                adminActions.toString());
        assertTrue(adminActions.contains("kms:PutKeyPolicy") || adminActions.contains("kms:Put*"));

        var decrypt = s.get(1);
        assertEquals(ROLE, decrypt.getAsJsonObject("Principal").get("AWS").getAsString());
        assertEquals(List.of("kms:Decrypt", "kms:GenerateDataKey"), strings(decrypt.get("Action")));
        var equal = decrypt.getAsJsonObject("Condition").getAsJsonObject("StringEqualsIgnoreCase");
        assertEquals(PCR0, equal.get("kms:RecipientAttestation:PCR0").getAsString());
        assertEquals(PCR1, equal.get("kms:RecipientAttestation:PCR1").getAsString());

        var deny0 = s.get(2);
        assertEquals("Deny", deny0.get("Effect").getAsString());
        assertEquals("*", deny0.get("Principal").getAsString());
        assertEquals(
                PCR0,
                deny0.getAsJsonObject("Condition")
                        .getAsJsonObject("StringNotEqualsIgnoreCase")
                        .get("kms:RecipientAttestation:PCR0")
                        .getAsString());
        assertEquals(HostPolicies.ENCLAVE_KMS_ACTIONS, strings(deny0.get("Action")));
        assertEquals(List.of("kms:ReEncrypt*"), strings(s.get(4).get("Action")));
        assertFalse(s.get(4).has("Condition"));
        var chosen = s.get(5);
        assertEquals("Deny", chosen.get("Effect").getAsString());
        assertEquals(List.of("kms:Encrypt"), strings(chosen.get("Action")));
        assertFalse(chosen.has("Condition"));

        for (var statement : s) {
            if (statement.get("Effect").getAsString().equals("Allow")) {
                assertFalse(statement.get("Principal").isJsonPrimitive(), "no Allow to \"*\"");
            }
        }
    }

    @Test
    @DisplayName("health metric: PutMetricData only into the Nautilus namespace")
    void healthMetric() {
        var s = statements(HostPolicies.healthMetric()).get(0);
        assertEquals(List.of("cloudwatch:PutMetricData"), strings(s.get("Action")));
        assertEquals(
                "Nautilus",
                s.getAsJsonObject("Condition")
                        .getAsJsonObject("StringEquals")
                        .get("cloudwatch:namespace")
                        .getAsString());
    }

    @Test
    @DisplayName(
            "identity records: exactly GetParameter and PutParameter, on this stack's identity parameters in the hosts' region")
    void identityParameters() {
        var statements =
                statements(HostPolicies.identityParameters("aws", "eu-west-1", "123456789012", "/nautilus/demo-prod"));
        assertEquals(1, statements.size());
        var s = statements.get(0);
        assertEquals("Allow", s.get("Effect").getAsString());
        assertEquals(List.of("ssm:GetParameter", "ssm:PutParameter"), strings(s.get("Action")));
        assertEquals(
                List.of("arn:aws:ssm:eu-west-1:123456789012:parameter/nautilus/demo-prod/identity/*"),
                strings(s.get("Resource")));
        assertEquals(
                List.of("arn:aws-cn:ssm:cn-north-1:210987654321:parameter/nautilus/x-y/identity/*"),
                strings(statements(HostPolicies.identityParameters(
                                "aws-cn", "cn-north-1", "210987654321", "/nautilus/x-y"))
                        .get(0)
                        .get("Resource")));
    }

    @Test
    @DisplayName("session manager: the five Session Manager actions, nothing of SSM's Run Command or parameters")
    void sessionManager() {
        var actions = strings(statements(HostPolicies.sessionManager()).get(0).get("Action"));
        assertEquals(5, actions.size());
        assertTrue(actions.stream()
                .allMatch(a -> a.startsWith("ssmmessages:") || a.equals("ssm:UpdateInstanceInformation")));
    }

    @Test
    @DisplayName("the account and partition come from the caller's ARN, in any partition")
    void accountFromCaller() {
        assertEquals(ACCOUNT, AwsAccount.fromCallerArn("arn:aws:iam::123456789012:user/deployer"));
        assertEquals(
                new AwsAccount("aws-us-gov", "210987654321"),
                AwsAccount.fromCallerArn("arn:aws-us-gov:sts::210987654321:assumed-role/ci/session"));
        assertEquals(
                "arn:aws-us-gov:iam::210987654321:root",
                AwsAccount.fromCallerArn("arn:aws-us-gov:sts::210987654321:assumed-role/ci/s")
                        .rootArn());
        assertThrows(IllegalArgumentException.class, () -> AwsAccount.fromCallerArn("not-an-arn"));
    }
}
