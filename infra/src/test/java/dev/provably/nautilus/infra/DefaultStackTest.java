package dev.provably.nautilus.infra;

import static dev.provably.nautilus.infra.config.ConfigMaps.BUCKET;
import static dev.provably.nautilus.infra.config.ConfigMaps.EIF_KEY;
import static dev.provably.nautilus.infra.config.ConfigMaps.PCR0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.GsonBuilder;
import dev.provably.nautilus.attestation.Profile;
import dev.provably.nautilus.gate.BackendConfig;
import dev.provably.nautilus.infra.config.ConfigMaps;
import dev.provably.nautilus.infra.config.StackSettings;
import dev.provably.nautilus.infra.host.HostFilesRenderer;
import java.net.URI;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/** The whole stack with the default configuration (only the required keys set), from one mocked run. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DefaultStackTest {
    private static final String HOST = "nautilus-test-host-0";
    private StackSettings settings;
    private StackRun run;

    @BeforeAll
    void deploy() {
        settings = ConfigMaps.parse(ConfigMaps.minimal());
        run = StackRun.build(settings);
    }

    @Test
    @DisplayName("declares the components, each grouping its own resources")
    void components() {
        var components = run.resources.stream().filter(StackRun.Declared::component)
                .map(StackRun.Declared::type).collect(Collectors.toSet());
        assertEquals(Set.of("nautilus:infra:Network", "nautilus:infra:HostFirewall", "nautilus:infra:EnclaveLogs",
                "nautilus:infra:HostIdentity", "nautilus:infra:HostPermissions", "nautilus:infra:EnclaveHost"), components);
        assertEquals("nautilus:infra:Network", run.named("aws:ec2/vpc:Vpc", "nautilus-test-vpc").parentType());
        assertEquals("nautilus:infra:EnclaveHost", run.one("aws:ec2/instance:Instance").parentType());
    }

    @Test
    @DisplayName("network: VPC 10.0.0.0/16 with DNS, public subnet 10.0.1.0/24 in the zone, default route to the gateway")
    void network() {
        var vpc = run.one("aws:ec2/vpc:Vpc");
        assertEquals("10.0.0.0/16", vpc.input("cidrBlock"));
        assertEquals(true, vpc.input("enableDnsSupport"));
        assertEquals(true, vpc.input("enableDnsHostnames"));

        var subnet = run.one("aws:ec2/subnet:Subnet");
        assertEquals("10.0.1.0/24", subnet.input("cidrBlock"));
        assertEquals("us-east-1a", subnet.input("availabilityZone"));
        assertEquals("nautilus-test-vpc-id", subnet.input("vpcId"));
        assertEquals(false, subnet.input("mapPublicIpOnLaunch"));

        assertEquals("nautilus-test-vpc-id", run.one("aws:ec2/internetGateway:InternetGateway").input("vpcId"));
        var routes = run.one("aws:ec2/routeTable:RouteTable");
        assertEquals(List.of(Map.of("cidrBlock", "0.0.0.0/0", "gatewayId", "nautilus-test-igw-id")),
                routes.input("routes"));
        var association = run.one("aws:ec2/routeTableAssociation:RouteTableAssociation");
        assertEquals("nautilus-test-public-id", association.input("subnetId"));
        assertEquals("nautilus-test-public-id", association.input("routeTableId"));
    }

    @Test
    @DisplayName("security group: no ingress when no CIDRs are configured, all egress")
    void securityGroup() {
        var group = run.one("aws:ec2/securityGroup:SecurityGroup");
        assertEquals("nautilus-test-vpc-id", group.input("vpcId"));
        List<?> ingress = group.input("ingress");
        assertTrue(ingress == null || ingress.isEmpty(), "ingress: " + ingress);
        List<Map<String, Object>> egress = group.input("egress");
        assertEquals(1, egress.size());
        assertEquals("-1", egress.get(0).get("protocol"));
        assertEquals(List.of("0.0.0.0/0"), egress.get(0).get("cidrBlocks"));
    }

    @Test
    @DisplayName("IAM: an EC2 role, its instance profile, and inline policies for logs, artifacts and Session Manager")
    void iam() {
        var role = run.one("aws:iam/role:Role");
        assertTrue(role.<String>input("assumeRolePolicy").contains("\"Service\":\"ec2.amazonaws.com\""));
        assertEquals("nautilus-test-host-a1b2c3d", run.one("aws:iam/instanceProfile:InstanceProfile").input("role"));

        var policies = run.all("aws:iam/rolePolicy:RolePolicy");
        assertEquals(Set.of("nautilus-test-logs", "nautilus-test-artifacts", "nautilus-test-ssm"),
                policies.stream().map(StackRun.Declared::name).collect(Collectors.toSet()));
        policies.forEach(p -> assertEquals("nautilus-test-host-a1b2c3d", p.input("role"), p.name()));

        var artifacts = StackPolicies.statements(run.named("aws:iam/rolePolicy:RolePolicy", "nautilus-test-artifacts"));
        assertEquals(List.of("arn:aws:s3:::" + BUCKET + "/nautilus-enclave.jar", "arn:aws:s3:::" + BUCKET + "/" + EIF_KEY),
                StackPolicies.strings(artifacts.get(0).get("Resource")));
        var logs = StackPolicies.statements(run.named("aws:iam/rolePolicy:RolePolicy", "nautilus-test-logs"));
        assertEquals(List.of("arn:aws:logs:us-east-1:123456789012:log-group:/aws/ec2/nautilus-nitro-enclave",
                        "arn:aws:logs:us-east-1:123456789012:log-group:/aws/ec2/nautilus-nitro-enclave:*"),
                StackPolicies.strings(logs.get(0).get("Resource")));
    }

    @Test
    @DisplayName("log group /aws/ec2/<project>-nitro-enclave keeps 7 days")
    void logGroup() {
        var group = run.one("aws:cloudwatch/logGroup:LogGroup");
        assertEquals("/aws/ec2/nautilus-nitro-enclave", group.input("name"));
        assertEquals(7, group.intInput("retentionInDays"));
    }

    @Test
    @DisplayName("host: c6a.xlarge, Amazon Linux 2023, enclaves on, persistent spot at 0.10 stopping on interruption")
    void host() {
        var instance = run.one("aws:ec2/instance:Instance");
        assertEquals(HOST, instance.name());
        assertEquals("c6a.xlarge", instance.input("instanceType"));
        assertEquals(AwsMocks.AMI, instance.input("ami"));
        assertEquals(true, instance.input("enclaveOptions.enabled"));
        assertEquals("spot", instance.input("instanceMarketOptions.marketType"));
        assertEquals(Map.of("maxPrice", "0.10", "spotInstanceType", "persistent", "instanceInterruptionBehavior", "stop"),
                instance.input("instanceMarketOptions.spotOptions"));
        assertEquals("nautilus-test-public-id", instance.input("subnetId"));
        assertEquals(List.of("nautilus-test-sg-id"), instance.input("vpcSecurityGroupIds"));
        assertEquals("nautilus-test-host-e4f5a6b", instance.input("iamInstanceProfile"));
        assertEquals(true, instance.input("associatePublicIpAddress"));
        assertEquals(false, instance.input("monitoring"));
        assertNull(instance.input("keyName"), "no key pair while SSH is off");
    }

    @Test
    @DisplayName("host: 30 GiB encrypted gp3 root volume, IMDSv2 required with hop limit 2")
    void hostHardening() {
        var instance = run.one("aws:ec2/instance:Instance");
        assertEquals("gp3", instance.input("rootBlockDevice.volumeType"));
        assertEquals(30, instance.intInput("rootBlockDevice.volumeSize"));
        assertEquals(true, instance.input("rootBlockDevice.encrypted"));
        assertEquals(true, instance.input("rootBlockDevice.deleteOnTermination"));
        assertEquals("enabled", instance.input("metadataOptions.httpEndpoint"));
        assertEquals("required", instance.input("metadataOptions.httpTokens"));
        assertEquals(2, instance.intInput("metadataOptions.httpPutResponseHopLimit"));
    }

    @Test
    @DisplayName("host: user data is the rendered bootstrap, and a change to it replaces the instance")
    void userData() {
        var instance = run.one("aws:ec2/instance:Instance");
        assertEquals(HostFilesRenderer.render(settings).userData(), instance.input("userData"));
        assertEquals(true, instance.input("userDataReplaceOnChange"));
        assertTrue(instance.<String>input("userData").contains("--cpu-count 2 --memory 6144"));
    }

    @Test
    @DisplayName("the AMI is the newest Amazon-owned Amazon Linux 2023 x86_64 image")
    void amiLookup() {
        var lookups = run.calls.stream().filter(c -> c.token.equals("aws:ec2/getAmi:getAmi")).toList();
        assertEquals(1, lookups.size());
        var args = lookups.get(0).args;
        assertEquals(true, args.get("mostRecent"));
        assertEquals(List.of("amazon"), args.get("owners"));
        assertEquals(List.of(Map.of("name", "name", "values", List.of("al2023-ami-2023.*-x86_64")),
                Map.of("name", "architecture", "values", List.of("x86_64")),
                Map.of("name", "virtualization-type", "values", List.of("hvm")),
                Map.of("name", "state", "values", List.of("available"))), args.get("filters"));
    }

    @Test
    @DisplayName("no Elastic IP, KMS key or alarms unless configured")
    void optionalResourcesAbsent() {
        assertTrue(run.all("aws:ec2/eip:Eip").isEmpty());
        assertTrue(run.all("aws:kms/key:Key").isEmpty());
        assertTrue(run.all("aws:cloudwatch/metricAlarm:MetricAlarm").isEmpty());
        assertFalse(run.outputs.containsKey("kmsKeyArn"));
        assertFalse(run.outputs.containsKey("debugModeWarning"));
    }

    @Test
    @DisplayName("stack outputs: addresses, URLs, commands, log group, region and expected PCRs")
    void outputs() {
        assertEquals(Set.of("region", "availabilityZone", "instanceType", "vpcId", "securityGroupId", "instanceIds",
                "publicIps", "enclaveApiUrls", "healthUrls", "sshCommands", "ssmCommands", "logGroupName",
                "expectedPcrs", "debugMode", "backendConfig"), run.outputs.keySet());
        assertEquals(List.of("198.51.100.10"), run.output("publicIps"));
        assertEquals(List.of(HOST + "-id"), run.output("instanceIds"));
        assertEquals(List.of("http://198.51.100.10:5000"), run.output("enclaveApiUrls"));
        assertEquals(List.of("http://198.51.100.10:8080/health"), run.output("healthUrls"));
        assertEquals(List.of(), run.output("sshCommands"));
        assertEquals(List.of("aws ssm start-session --region us-east-1 --target " + HOST + "-id"),
                run.output("ssmCommands"));
        assertEquals("/aws/ec2/nautilus-nitro-enclave", run.output("logGroupName"));
        assertEquals("us-east-1", run.output("region"));
        assertEquals(Map.of("0", PCR0), run.output("expectedPcrs"));
        assertEquals(false, run.output("debugMode"));
    }

    @Test
    @DisplayName("backendConfig has exactly the shape the backend's loader reads")
    void backendConfig() {
        Map<String, Object> config = run.output("backendConfig");
        var json = new GsonBuilder().disableHtmlEscaping().create().toJson(config);
        assertEquals("{\"enclaveApiUrls\":[\"http://198.51.100.10:5000\"],"
                + "\"healthUrls\":[\"http://198.51.100.10:8080/health\"],"
                + "\"expectedPcrs\":{\"0\":\"" + PCR0 + "\"},"
                + "\"profile\":\"sui\",\"maxAgeSeconds\":300,\"allowDebug\":false,\"region\":\"us-east-1\"}", json);
    }

    @Test
    @DisplayName("backendConfig loads with the verifier's BackendConfig, as a stack output and as the whole output object")
    void backendConfigLoadsInTheVerifier() {
        var gson = new GsonBuilder().disableHtmlEscaping().create();
        Map<String, Object> exported = run.output("backendConfig");
        String member = gson.toJson(exported);
        for (String json : List.of(member, "{\"region\":\"us-east-1\",\"backendConfig\":" + member + "}")) {
            BackendConfig loaded = BackendConfig.fromJson(json);
            assertEquals(List.of(URI.create("http://198.51.100.10:5000")), loaded.enclaveApiUrls());
            assertEquals(Set.of(0), loaded.expectedPcrs().keySet());
            assertEquals(PCR0, HexFormat.of().formatHex(loaded.expectedPcrs().get(0)));
            assertEquals(Profile.SUI, loaded.profile());
            assertEquals(Duration.ofMinutes(5), loaded.maxAge());
            assertFalse(loaded.allowDebug());
            assertFalse(loaded.customTrustAnchor(), "a deployed stack must use the pinned AWS root");
        }
    }

    @TestFactory
    @DisplayName("policies")
    Stream<DynamicTest> policies() {
        return StackPolicies.all(run, "test");
    }
}
