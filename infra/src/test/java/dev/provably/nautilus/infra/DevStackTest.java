package dev.provably.nautilus.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provably.nautilus.infra.config.ConfigMaps;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link App#stack} end to end: the real Pulumi.dev.yaml, flattened as the CLI passes it, read through
 * the program's own config parsing ({@link App#stack(com.pulumi.Context, dev.provably.nautilus.infra.config.RawConfig)}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevStackTest {
    private StackRun run;

    @BeforeAll
    void deploy() {
        run = StackRun.app("dev", ConfigMaps.stackFile("Pulumi.dev.yaml"));
        assertEquals(0, run.exitCode, () -> "dev stack failed: " + run.exceptions);
    }

    @Test
    @DisplayName("no SSH and no key pair (item 4): API and health only from their CIDRs; Session Manager is the way in")
    void ingress() {
        List<Map<String, Object>> ingress =
                run.one("aws:ec2/securityGroup:SecurityGroup").input("ingress");
        var byPort = new java.util.HashMap<Integer, Object>();
        ingress.forEach(rule -> byPort.put(((Number) rule.get("fromPort")).intValue(), rule.get("cidrBlocks")));
        assertEquals(Map.of(5000, List.of("203.0.113.0/24"), 8080, List.of("203.0.113.0/24")), byPort);
        assertNull(run.one("aws:ec2/launchTemplate:LaunchTemplate").input("keyName"));
        assertTrue(run.<String>output("ssmCommand").startsWith("aws ssm start-session --region us-east-1"));
    }

    @Test
    @DisplayName(
            "single-host mode: a group of exactly one spot host, no load balancer, an Elastic IP the host attaches itself")
    void singleHost() {
        var group = run.one("aws:autoscaling/group:Group");
        assertEquals(1, group.intInput("minSize"));
        assertEquals(1, group.intInput("maxSize"));
        assertEquals("EC2", group.input("healthCheckType"));
        assertNull(group.input("targetGroupArns"));
        assertTrue(run.all("aws:lb/loadBalancer:LoadBalancer").isEmpty());
        assertEquals(
                "c6a.xlarge", run.one("aws:ec2/launchTemplate:LaunchTemplate").input("instanceType"));

        var eip = run.one("aws:ec2/eip:Eip");
        assertEquals(
                "nautilus-dev-host-eip", eip.<Map<String, String>>input("tags").get("Name"));
        assertTrue(StackVariationsTest.userData(run).contains("readonly ELASTIC_IP_NAME='nautilus-dev-host-eip'\n"));
        var statements =
                StackPolicies.statements(run.named("aws:iam/rolePolicy:RolePolicy", "nautilus-dev-elastic-ip"));
        assertEquals(
                List.of(
                        "arn:aws:ec2:us-east-1:123456789012:elastic-ip/eipalloc-0123456789abcdef0",
                        "arn:aws:ec2:us-east-1:123456789012:instance/*"),
                StackPolicies.strings(statements.get(1).get("Resource")));
        assertEquals(
                "dev",
                statements
                        .get(1)
                        .getAsJsonObject("Condition")
                        .getAsJsonObject("StringEquals")
                        .get("aws:ResourceTag/Stack")
                        .getAsString());
        assertTrue(StackVariationsTest.userData(run)
                .contains("readonly ARTIFACT_BUCKET='nautilus-dev-artifacts-example'\n"));
    }

    @Test
    @DisplayName("outputs say single-host mode and give the Elastic IP's URLs in the backend config")
    void outputs() {
        assertEquals("single-host", run.output("endpointMode"));
        Map<String, Object> backend = run.output("backendConfig");
        assertEquals(List.of("http://" + AwsMocks.ELASTIC_IP + ":5000"), backend.get("enclaveApiUrls"));
        assertEquals(List.of("http://" + AwsMocks.ELASTIC_IP + ":8080/health"), backend.get("healthUrls"));
        assertEquals(
                Map.of(
                        "0",
                        "0123456789abcdef".repeat(6),
                        "1",
                        "1123456789abcdef" + "0123456789abcdef".repeat(5),
                        "2",
                        "2123456789abcdef" + "0123456789abcdef".repeat(5)),
                backend.get("expectedPcrs"));
        assertEquals("us-east-1", backend.get("region"));
    }

    @TestFactory
    @DisplayName("policies")
    Stream<DynamicTest> policies() {
        return StackPolicies.all(run, "dev");
    }
}
