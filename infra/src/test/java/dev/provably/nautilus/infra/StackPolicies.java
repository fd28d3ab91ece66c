package dev.provably.nautilus.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Policy checks in the style of pulumi-java's testing-unit-java: rules every run of the program must
 * satisfy, whatever its configuration, checked on the inputs the engine received.
 */
final class StackPolicies {
    private StackPolicies() {}

    static Stream<DynamicTest> all(StackRun run, String stack) {
        return Stream.of(
                dynamicTest("no security group rule opens SSH (22) to 0.0.0.0/0", () -> noSshFromAnywhere(run)),
                dynamicTest(
                        "ingress is single TCP ports from listed CIDRs, never all protocols", () -> narrowIngress(run)),
                dynamicTest(
                        "no persistent spot request anywhere: hosts come only from the Auto Scaling group",
                        () -> noPersistentSpot(run)),
                dynamicTest("every volume is encrypted gp3", () -> encryptedVolumes(run)),
                dynamicTest("every host requires IMDSv2 with a hop limit of at most 2", () -> imdsV2(run)),
                dynamicTest("every host has Nitro Enclaves enabled", () -> enclavesEnabled(run)),
                dynamicTest(
                        "every taggable resource is tagged with Project, Stack and ManagedBy",
                        () -> tagged(run, stack)),
                dynamicTest("IAM statements on S3, KMS and Logs name specific resources", () -> scopedStatements(run)),
                dynamicTest(
                        "the host role never gets kms:*, and every Decrypt is bound to the attested PCR0",
                        () -> attestedDecryptOnly(run)),
                dynamicTest("every cloud resource is a child of a Nautilus component", () -> parented(run)));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> ingressRules(StackRun run) {
        var rules = new ArrayList<Map<String, Object>>();
        for (var group : run.all("aws:ec2/securityGroup:SecurityGroup")) {
            List<Map<String, Object>> ingress = group.input("ingress");
            if (ingress != null) {
                rules.addAll(ingress);
            }
        }
        return rules;
    }

    @SuppressWarnings("unchecked")
    private static void noSshFromAnywhere(StackRun run) {
        for (var rule : ingressRules(run)) {
            int from = ((Number) rule.get("fromPort")).intValue();
            int to = ((Number) rule.get("toPort")).intValue();
            var cidrs = (List<String>) rule.getOrDefault("cidrBlocks", List.of());
            if (from <= 22 && 22 <= to) {
                assertFalse(cidrs.contains("0.0.0.0/0"), "SSH open to the internet: " + rule);
            }
            assertFalse(rule.containsKey("ipv6CidrBlocks"), "unexpected IPv6 ingress: " + rule);
        }
    }

    @SuppressWarnings("unchecked")
    private static void narrowIngress(StackRun run) {
        for (var rule : ingressRules(run)) {
            assertEquals("tcp", rule.get("protocol"), rule.toString());
            assertEquals(
                    ((Number) rule.get("fromPort")).intValue(),
                    ((Number) rule.get("toPort")).intValue(),
                    rule.toString());
            assertFalse(((List<String>) rule.get("cidrBlocks")).isEmpty(), rule.toString());
        }
    }

    private static void noPersistentSpot(StackRun run) {
        assertTrue(run.all("aws:ec2/instance:Instance").isEmpty(), "a standalone instance");
        assertTrue(run.all("aws:ec2/spotInstanceRequest:SpotInstanceRequest").isEmpty(), "a spot request");
        assertTrue(run.all("aws:ec2/spotFleetRequest:SpotFleetRequest").isEmpty(), "a spot fleet");
        var templates = run.all("aws:ec2/launchTemplate:LaunchTemplate");
        assertEquals(1, templates.size());
        for (var template : templates) {
            assertFalse(template.inputs().containsKey("instanceMarketOptions"), "market options on " + template.name());
        }
        var group = run.one("aws:autoscaling/group:Group");
        assertNotNull(group.input("mixedInstancesPolicy.launchTemplate.launchTemplateSpecification.launchTemplateId"));
    }

    @SuppressWarnings("unchecked")
    private static void encryptedVolumes(StackRun run) {
        for (var template : run.all("aws:ec2/launchTemplate:LaunchTemplate")) {
            List<Map<String, Object>> devices = template.input("blockDeviceMappings");
            assertEquals(1, devices.size(), template.name());
            var ebs = (Map<String, Object>) devices.get(0).get("ebs");
            assertEquals("true", ebs.get("encrypted"), template.name());
            assertEquals("gp3", ebs.get("volumeType"), template.name());
        }
        assertTrue(run.all("aws:ebs/volume:Volume").isEmpty(), "unexpected separate EBS volumes");
    }

    private static void imdsV2(StackRun run) {
        for (var template : run.all("aws:ec2/launchTemplate:LaunchTemplate")) {
            assertEquals("required", template.input("metadataOptions.httpTokens"), template.name());
            assertTrue(template.intInput("metadataOptions.httpPutResponseHopLimit") <= 2, template.name());
        }
    }

    private static void enclavesEnabled(StackRun run) {
        var templates = run.all("aws:ec2/launchTemplate:LaunchTemplate");
        assertFalse(templates.isEmpty());
        for (var template : templates) {
            assertEquals(Boolean.TRUE, template.input("enclaveOptions.enabled"), template.name());
        }
    }

    private static void tagged(StackRun run, String stack) {
        int checked = 0;
        for (var resource : run.resources) {
            if (resource.component() || !resource.taggable()) {
                continue;
            }
            if (resource.type().equals("aws:autoscaling/group:Group")) {
                List<Map<String, Object>> groupTags = resource.input("tags");
                assertTrue(
                        groupTags.contains(Map.of("key", "Stack", "value", stack, "propagateAtLaunch", false)),
                        resource.name() + ": " + groupTags);
                continue;
            }
            Map<String, String> tags = resource.input("tags");
            assertNotNull(tags, resource.type() + " " + resource.name() + " has no tags");
            assertEquals(StackRun.PROJECT, tags.get("Project"), resource.name());
            assertEquals(stack, tags.get("Stack"), resource.name());
            assertEquals("pulumi", tags.get("ManagedBy"), resource.name());
            assertNotNull(tags.get("Name"), resource.name());
            checked++;
        }
        for (var template : run.all("aws:ec2/launchTemplate:LaunchTemplate")) {
            List<Map<String, Object>> specs = template.input("tagSpecifications");
            assertEquals(
                    List.of("instance", "volume"),
                    specs.stream().map(t -> t.get("resourceType")).toList());
            for (var spec : specs) {
                assertEquals(stack, ((Map<?, ?>) spec.get("tags")).get("Stack"), template.name() + " " + spec);
            }
        }
        assertTrue(checked >= 8, "only " + checked + " taggable resources found");
    }

    static List<JsonObject> statements(StackRun.Declared policy) {
        var doc = JsonParser.parseString(policy.<String>input("policy")).getAsJsonObject();
        assertEquals("2012-10-17", doc.get("Version").getAsString());
        var out = new ArrayList<JsonObject>();
        doc.getAsJsonArray("Statement").forEach(s -> out.add(s.getAsJsonObject()));
        return out;
    }

    static List<String> strings(JsonElement element) {
        var out = new ArrayList<String>();
        if (element instanceof JsonArray array) {
            array.forEach(e -> out.add(e.getAsString()));
        } else {
            out.add(element.getAsString());
        }
        return out;
    }

    private static void scopedStatements(StackRun run) {
        var policies = run.all("aws:iam/rolePolicy:RolePolicy");
        assertFalse(policies.isEmpty());
        for (var policy : policies) {
            for (var statement : statements(policy)) {
                var actions = strings(statement.get("Action"));
                var resources = strings(statement.get("Resource"));
                assertFalse(actions.contains("*"), policy.name() + ": Action *");
                for (var action : actions) {
                    assertFalse(action.endsWith(":*"), policy.name() + ": service wildcard " + action);
                    var service = action.substring(0, action.indexOf(':'));
                    if (action.equals("ssm:GetParameter") || action.equals("ssm:PutParameter")) {
                        // Only this stack's sealed identity records, never other parameters.
                        resources.forEach(r -> assertTrue(
                                r.matches(
                                        "arn:aws:ssm:[a-z0-9-]+:\\d{12}:parameter/nautilus/[A-Za-z0-9_.-]+/identity/\\*"),
                                policy.name() + ": " + action + " on " + r));
                    } else if (service.equals("s3") || service.equals("kms")) {
                        resources.forEach(
                                r -> assertFalse(r.contains("*"), policy.name() + ": " + action + " on " + r));
                    } else if (service.equals("logs")) {
                        // One log group, and its streams through the group's ":*" suffix.
                        for (var r : resources) {
                            var group = r.endsWith(":*") ? r.substring(0, r.length() - 2) : r;
                            assertTrue(
                                    group.matches("arn:aws:logs:[a-z0-9-]+:\\d{12}:log-group:[^*]+"),
                                    policy.name() + ": " + action + " on " + r);
                        }
                    }
                }
            }
        }
    }

    private static void attestedDecryptOnly(StackRun run) {
        var documents = new ArrayList<List<JsonObject>>();
        run.all("aws:iam/rolePolicy:RolePolicy").forEach(p -> documents.add(statements(p)));
        for (var statements : documents) {
            for (var statement : statements) {
                var actions = strings(statement.get("Action"));
                assertFalse(actions.stream().anyMatch(a -> a.equals("kms:*")));
                if (actions.contains("kms:Decrypt")) {
                    var condition = statement.getAsJsonObject("Condition").getAsJsonObject("StringEqualsIgnoreCase");
                    assertTrue(condition
                            .get("kms:RecipientAttestation:PCR0")
                            .getAsString()
                            .matches("[0-9a-f]{96}"));
                }
            }
        }
    }

    private static void parented(StackRun run) {
        for (var resource : run.resources) {
            if (resource.component()) {
                assertTrue(resource.type().startsWith("nautilus:infra:"), resource.type());
                assertEquals("pulumi:pulumi:Stack", resource.parentType(), resource.urn());
            } else {
                assertTrue(resource.parentType().startsWith("nautilus:infra:"), resource.urn());
            }
        }
    }
}
