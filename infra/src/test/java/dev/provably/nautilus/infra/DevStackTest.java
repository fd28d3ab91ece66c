package dev.provably.nautilus.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * {@code ctx.config()} (this uses pulumi-java's internal test builder, the only way to inject config).
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
    @DisplayName("SSH only from the placeholder admin CIDR; API and health from their CIDRs")
    void ingress() {
        List<Map<String, Object>> ingress = run.one("aws:ec2/securityGroup:SecurityGroup").input("ingress");
        assertEquals(3, ingress.size());
        var byPort = new java.util.HashMap<Integer, Object>();
        ingress.forEach(rule -> byPort.put(((Number) rule.get("fromPort")).intValue(), rule.get("cidrBlocks")));
        assertEquals(Map.of(22, List.of("203.0.113.0/24"), 5000, List.of("203.0.113.0/24"),
                8080, List.of("203.0.113.0/24")), byPort);
    }

    @Test
    @DisplayName("one spot c6a.xlarge in us-east-1a with the dev key pair")
    void host() {
        var instance = run.one("aws:ec2/instance:Instance");
        assertEquals("nautilus-dev-host-0", instance.name());
        assertEquals("c6a.xlarge", instance.input("instanceType"));
        assertEquals("nautilus-dev", instance.input("keyName"));
        assertEquals("persistent", instance.input("instanceMarketOptions.spotOptions.spotInstanceType"));
        assertEquals("us-east-1a", run.one("aws:ec2/subnet:Subnet").input("availabilityZone"));
        assertTrue(instance.<String>input("userData").contains("readonly ARTIFACT_BUCKET='nautilus-dev-artifacts-example'\n"));
    }

    @Test
    @DisplayName("outputs give SSH and SSM commands and the backend config")
    void outputs() {
        assertEquals(List.of("ssh -i ~/.ssh/nautilus-dev.pem ec2-user@198.51.100.10"), run.output("sshCommands"));
        assertEquals(List.of("aws ssm start-session --region us-east-1 --target nautilus-dev-host-0-id"),
                run.output("ssmCommands"));
        Map<String, Object> backend = run.output("backendConfig");
        assertEquals(List.of("http://198.51.100.10:5000"), backend.get("enclaveApiUrls"));
        assertEquals(Map.of("0", "0123456789abcdef".repeat(6)), backend.get("expectedPcrs"));
        assertEquals("us-east-1", backend.get("region"));
    }

    @TestFactory
    @DisplayName("policies")
    Stream<DynamicTest> policies() {
        return StackPolicies.all(run, "dev");
    }
}
