package dev.provably.nautilus.infra;

import static dev.provably.nautilus.infra.config.ConfigMaps.BUCKET;
import static dev.provably.nautilus.infra.config.ConfigMaps.EIF_KEY;
import static dev.provably.nautilus.infra.config.ConfigMaps.MODEL_ID;
import static dev.provably.nautilus.infra.config.ConfigMaps.PCR0;
import static dev.provably.nautilus.infra.config.ConfigMaps.POLICY_ID;
import static dev.provably.nautilus.infra.config.ConfigMaps.PROVENANCE_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.GsonBuilder;
import dev.provably.nautilus.attestation.Profile;
import dev.provably.nautilus.gate.BackendConfig;
import dev.provably.nautilus.gate.ExpectedAnalysis;
import dev.provably.nautilus.infra.config.ConfigMaps;
import dev.provably.nautilus.infra.config.StackSettings;
import dev.provably.nautilus.infra.host.HostFilesRenderer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
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
    private static final String HOSTS = "nautilus-test-hosts";
    private static final String API_URL = "http://" + AwsMocks.LB_DNS + ":5000";
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
        var components = run.resources.stream()
                .filter(StackRun.Declared::component)
                .map(StackRun.Declared::type)
                .collect(Collectors.toSet());
        assertEquals(
                Set.of(
                        "nautilus:infra:Network",
                        "nautilus:infra:HostFirewall",
                        "nautilus:infra:EnclaveLogs",
                        "nautilus:infra:HostIdentity",
                        "nautilus:infra:HostPermissions",
                        "nautilus:infra:ApiLoadBalancer",
                        "nautilus:infra:HostFleet",
                        "nautilus:infra:HostAlarms"),
                components);
        assertEquals(
                "nautilus:infra:Network",
                run.named("aws:ec2/vpc:Vpc", "nautilus-test-vpc").parentType());
        assertEquals(
                "nautilus:infra:HostFleet",
                run.one("aws:autoscaling/group:Group").parentType());
    }

    @Test
    @DisplayName(
            "network: VPC 10.0.0.0/16, public subnets 10.0.1.0/24 and 10.0.2.0/24 in the first two zones offering the type")
    void network() {
        var vpc = run.one("aws:ec2/vpc:Vpc");
        assertEquals("10.0.0.0/16", vpc.input("cidrBlock"));
        assertEquals(true, vpc.input("enableDnsSupport"));
        assertEquals(true, vpc.input("enableDnsHostnames"));

        var first = run.named("aws:ec2/subnet:Subnet", "nautilus-test-public");
        assertEquals("10.0.1.0/24", first.input("cidrBlock"));
        assertEquals("us-east-1a", first.input("availabilityZone"));
        var second = run.named("aws:ec2/subnet:Subnet", "nautilus-test-public-1");
        assertEquals("10.0.2.0/24", second.input("cidrBlock"));
        assertEquals("us-east-1b", second.input("availabilityZone"));
        assertEquals(2, run.all("aws:ec2/subnet:Subnet").size());
        for (var subnet : run.all("aws:ec2/subnet:Subnet")) {
            assertEquals("nautilus-test-vpc-id", subnet.input("vpcId"));
            assertEquals(false, subnet.input("mapPublicIpOnLaunch"));
        }

        var offerings = run.calls.stream()
                .filter(c -> c.token.equals("aws:ec2/getInstanceTypeOfferings:getInstanceTypeOfferings"))
                .toList();
        assertEquals(1, offerings.size());
        assertEquals("availability-zone", offerings.get(0).args.get("locationType"));
        assertEquals(
                List.of(Map.of("name", "instance-type", "values", List.of("c6a.xlarge"))),
                offerings.get(0).args.get("filters"));

        assertEquals(
                "nautilus-test-vpc-id",
                run.one("aws:ec2/internetGateway:InternetGateway").input("vpcId"));
        var routes = run.one("aws:ec2/routeTable:RouteTable");
        assertEquals(
                List.of(Map.of("cidrBlock", "0.0.0.0/0", "gatewayId", "nautilus-test-igw-id")), routes.input("routes"));
        var associations = run.all("aws:ec2/routeTableAssociation:RouteTableAssociation");
        assertEquals(
                Set.of("nautilus-test-public-id", "nautilus-test-public-1-id"),
                associations.stream().map(a -> a.<String>input("subnetId")).collect(Collectors.toSet()));
        associations.forEach(a -> assertEquals("nautilus-test-public-id", a.input("routeTableId")));
    }

    @Test
    @DisplayName(
            "security group: only the load balancer's health checks from inside the VPC when no CIDRs are configured")
    void securityGroup() {
        var group = run.one("aws:ec2/securityGroup:SecurityGroup");
        assertEquals("nautilus-test-vpc-id", group.input("vpcId"));
        List<Map<String, Object>> ingress = group.input("ingress");
        assertEquals(1, ingress.size(), "ingress: " + ingress);
        assertEquals(8080, ((Number) ingress.get(0).get("fromPort")).intValue());
        assertEquals(List.of("10.0.0.0/16"), ingress.get(0).get("cidrBlocks"));
        List<Map<String, Object>> egress = group.input("egress");
        assertEquals(1, egress.size());
        assertEquals("-1", egress.get(0).get("protocol"));
        assertEquals(List.of("0.0.0.0/0"), egress.get(0).get("cidrBlocks"));
    }

    @Test
    @DisplayName(
            "IAM: an EC2 role, its instance profile, and inline policies for logs, artifacts, Session Manager and the health metric")
    void iam() {
        var role = run.one("aws:iam/role:Role");
        assertTrue(role.<String>input("assumeRolePolicy").contains("\"Service\":\"ec2.amazonaws.com\""));
        assertEquals(
                "nautilus-test-host-a1b2c3d",
                run.one("aws:iam/instanceProfile:InstanceProfile").input("role"));

        var policies = run.all("aws:iam/rolePolicy:RolePolicy");
        assertEquals(
                Set.of(
                        "nautilus-test-logs",
                        "nautilus-test-artifacts",
                        "nautilus-test-ssm",
                        "nautilus-test-health-metric"),
                policies.stream().map(StackRun.Declared::name).collect(Collectors.toSet()));
        policies.forEach(p -> assertEquals("nautilus-test-host-a1b2c3d", p.input("role"), p.name()));

        var artifacts = StackPolicies.statements(run.named("aws:iam/rolePolicy:RolePolicy", "nautilus-test-artifacts"));
        assertEquals(
                List.of("arn:aws:s3:::" + BUCKET + "/nautilus-enclave.jar", "arn:aws:s3:::" + BUCKET + "/" + EIF_KEY),
                StackPolicies.strings(artifacts.get(0).get("Resource")));
        var logs = StackPolicies.statements(run.named("aws:iam/rolePolicy:RolePolicy", "nautilus-test-logs"));
        assertEquals(
                List.of(
                        "arn:aws:logs:us-east-1:123456789012:log-group:/aws/ec2/nautilus-nitro-enclave",
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
    @DisplayName(
            "launch template: Amazon Linux 2023, c6a.xlarge, enclaves on, public address, role, no key pair, no market options")
    void launchTemplate() {
        var template = run.one("aws:ec2/launchTemplate:LaunchTemplate");
        assertEquals(HOSTS, template.name());
        assertEquals("c6a.xlarge", template.input("instanceType"));
        assertEquals(AwsMocks.AMI, template.input("imageId"));
        assertEquals(true, template.input("enclaveOptions.enabled"));
        assertEquals(Map.of("name", "nautilus-test-host-e4f5a6b"), template.input("iamInstanceProfile"));
        List<Map<String, Object>> nics = template.input("networkInterfaces");
        assertEquals(1, nics.size());
        assertEquals("true", nics.get(0).get("associatePublicIpAddress"));
        assertEquals(List.of("nautilus-test-sg-id"), nics.get(0).get("securityGroups"));
        assertEquals(false, template.input("monitoring.enabled"));
        assertNull(template.input("keyName"), "no key pair while SSH is off");
        assertNull(template.input("instanceMarketOptions"), "the group, not the template, buys spot");
        assertEquals(true, template.input("updateDefaultVersion"));
    }

    @Test
    @DisplayName("launch template: 30 GiB encrypted gp3 root volume, IMDSv2 required with hop limit 2")
    void hostHardening() {
        var template = run.one("aws:ec2/launchTemplate:LaunchTemplate");
        List<Map<String, Object>> devices = template.input("blockDeviceMappings");
        assertEquals(
                Map.of(
                        "deviceName",
                        "/dev/xvda",
                        "ebs",
                        Map.of(
                                "volumeType",
                                "gp3",
                                "volumeSize",
                                30.0,
                                "encrypted",
                                "true",
                                "deleteOnTermination",
                                "true")),
                devices.get(0));
        assertEquals("enabled", template.input("metadataOptions.httpEndpoint"));
        assertEquals("required", template.input("metadataOptions.httpTokens"));
        assertEquals(2, template.intInput("metadataOptions.httpPutResponseHopLimit"));
    }

    @Test
    @DisplayName(
            "Auto Scaling group: both subnets, 1 host (1..2), spot price-capacity-optimized over same-shape types, rebalancing, no max price")
    void autoScalingGroup() {
        var group = run.one("aws:autoscaling/group:Group");
        assertEquals(
                List.of("nautilus-test-public-id", "nautilus-test-public-1-id"), group.input("vpcZoneIdentifiers"));
        assertEquals(1, group.intInput("desiredCapacity"));
        assertEquals(1, group.intInput("minSize"));
        assertEquals(2, group.intInput("maxSize"));
        assertEquals(true, group.input("capacityRebalance"));
        assertEquals(
                Map.of(
                        "onDemandAllocationStrategy",
                        "prioritized",
                        "onDemandBaseCapacity",
                        0.0,
                        "onDemandPercentageAboveBaseCapacity",
                        0.0,
                        "spotAllocationStrategy",
                        "price-capacity-optimized"),
                group.input("mixedInstancesPolicy.instancesDistribution"));
        assertEquals(
                Map.of("launchTemplateId", HOSTS + "-id", "version", "1"),
                group.input("mixedInstancesPolicy.launchTemplate.launchTemplateSpecification"));
        List<Map<String, Object>> overrides = group.input("mixedInstancesPolicy.launchTemplate.overrides");
        var types = overrides.stream().map(o -> o.get("instanceType")).toList();
        assertEquals("c6a.xlarge", types.get(0));
        assertTrue(types.size() >= 3, "several same-shape types: " + types);
        assertTrue(types.containsAll(List.of("c5.xlarge", "c5a.xlarge", "c6i.xlarge")), types.toString());
        assertFalse(types.stream().anyMatch(t -> ((String) t).startsWith("m")), "an m type has twice the memory");
        assertEquals(
                List.of(
                        "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/nautilus-test-api/73e2d6bc24d8a067"),
                group.input("targetGroupArns"));
        assertEquals("ELB", group.input("healthCheckType"));
        assertEquals(600, group.intInput("healthCheckGracePeriod"));
        assertEquals(List.of("GroupDesiredCapacity", "GroupInServiceInstances"), group.input("enabledMetrics"));
    }

    @Test
    @DisplayName(
            "a launch-template change rolls out by instance refresh, launching before terminating, keeping 100% healthy")
    void instanceRefresh() {
        var group = run.one("aws:autoscaling/group:Group");
        assertEquals("Rolling", group.input("instanceRefresh.strategy"));
        assertEquals(100, group.intInput("instanceRefresh.preferences.minHealthyPercentage"));
        assertEquals(200, group.intInput("instanceRefresh.preferences.maxHealthyPercentage"));
    }

    @Test
    @DisplayName("the launch template carries the rendered user data, base64-encoded")
    void userData() {
        var template = run.one("aws:ec2/launchTemplate:LaunchTemplate");
        var decoded =
                new String(Base64.getDecoder().decode(template.<String>input("userData")), StandardCharsets.UTF_8);
        assertEquals(HostFilesRenderer.render(settings).userData(), decoded);
        assertTrue(decoded.contains("--cpu-count 2 --memory 6144"));
        assertTrue(decoded.contains("readonly ELASTIC_IP_NAME=''\n"), "no address to attach behind a load balancer");
    }

    @Test
    @DisplayName("the AMI comes from the Amazon Linux 2023 default-kernel SSM parameter, once, and is an output")
    void amiLookup() {
        var lookups = run.calls.stream()
                .filter(c -> c.token.equals("aws:ssm/getParameter:getParameter"))
                .toList();
        assertEquals(1, lookups.size());
        assertEquals(
                "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
                lookups.get(0).args.get("name"));
        assertTrue(run.calls.stream().noneMatch(c -> c.token.equals("aws:ec2/getAmi:getAmi")));
        assertEquals(AwsMocks.AMI, run.output("amiId"));
    }

    @Test
    @DisplayName("network load balancer: public, cross-zone, TCP 5000 to the hosts, health check HTTP :8080/health")
    void loadBalancer() {
        var balancer = run.one("aws:lb/loadBalancer:LoadBalancer");
        assertEquals("network", balancer.input("loadBalancerType"));
        assertEquals(false, balancer.input("internal"));
        assertEquals(true, balancer.input("enableCrossZoneLoadBalancing"));
        assertEquals(List.of("nautilus-test-public-id", "nautilus-test-public-1-id"), balancer.input("subnets"));

        var targets = run.one("aws:lb/targetGroup:TargetGroup");
        assertEquals("TCP", targets.input("protocol"));
        assertEquals(5000, targets.intInput("port"));
        assertEquals("instance", targets.input("targetType"));
        assertEquals("HTTP", targets.input("healthCheck.protocol"));
        assertEquals("8080", targets.input("healthCheck.port"));
        assertEquals("/health", targets.input("healthCheck.path"));

        var listener = run.one("aws:lb/listener:Listener");
        assertEquals("TCP", listener.input("protocol"));
        assertEquals(5000, listener.intInput("port"));
        assertNull(listener.input("certificateArn"));
    }

    @Test
    @DisplayName("alarms are on by default: hosts in service below desired, enclave health metric, unhealthy targets")
    void alarms() {
        var alarms = run.all("aws:cloudwatch/metricAlarm:MetricAlarm");
        assertEquals(
                Set.of(
                        "nautilus-test-alarms-capacity",
                        "nautilus-test-alarms-enclave-unhealthy",
                        "nautilus-test-alarms-unhealthy-targets"),
                alarms.stream().map(StackRun.Declared::name).collect(Collectors.toSet()));
        var capacity = run.named("aws:cloudwatch/metricAlarm:MetricAlarm", "nautilus-test-alarms-capacity");
        List<Map<String, Object>> queries = capacity.input("metricQueries");
        assertEquals("desired - inService", queries.get(2).get("expression"));
        assertEquals(
                Map.of("AutoScalingGroupName", HOSTS + "-f7e8d9c"),
                ((Map<?, ?>) queries.get(0).get("metric")).get("dimensions"));
        var health = run.named("aws:cloudwatch/metricAlarm:MetricAlarm", "nautilus-test-alarms-enclave-unhealthy");
        assertEquals(Map.of("Stack", "nautilus-test"), health.input("dimensions"));
        assertEquals("breaching", health.input("treatMissingData"));
        var targets = run.named("aws:cloudwatch/metricAlarm:MetricAlarm", "nautilus-test-alarms-unhealthy-targets");
        assertEquals(
                Map.of(
                        "LoadBalancer",
                        "net/nautilus-test-api/50dc6c495c0c9188",
                        "TargetGroup",
                        "targetgroup/nautilus-test-api/73e2d6bc24d8a067"),
                targets.input("dimensions"));
        alarms.forEach(a -> assertEquals(List.of(), a.input("alarmActions"), "no topic configured"));
        assertTrue(HostFilesRenderer.render(settings)
                .userData()
                .contains("systemctl enable --now nautilus-health-probe.timer"));
    }

    @Test
    @DisplayName("no Elastic IP, KMS key, SNS topic or standalone instance unless configured")
    void optionalResourcesAbsent() {
        assertTrue(run.all("aws:ec2/eip:Eip").isEmpty());
        assertTrue(run.all("aws:ec2/instance:Instance").isEmpty());
        assertTrue(run.all("aws:kms/key:Key").isEmpty());
        assertTrue(run.all("aws:sns/topic:Topic").isEmpty());
        assertFalse(run.outputs.containsKey("kmsKeyArn"));
        assertFalse(run.outputs.containsKey("alarmTopicArn"));
        assertFalse(run.outputs.containsKey("debugModeWarning"));
    }

    @Test
    @DisplayName(
            "stack outputs: endpoint mode, load balancer URL, zones, group, AMI, log group, region, expected PCRs and analysis")
    void outputs() {
        assertEquals(
                Set.of(
                        "region",
                        "availabilityZones",
                        "instanceTypes",
                        "endpointMode",
                        "vpcId",
                        "subnetIds",
                        "securityGroupId",
                        "autoScalingGroupName",
                        "launchTemplateId",
                        "amiId",
                        "enclaveApiUrl",
                        "ssmCommand",
                        "logGroupName",
                        "expectedPcrs",
                        "expectedAnalysis",
                        "monthlyCostEstimate",
                        "debugMode",
                        "backendConfig"),
                run.outputs.keySet());
        assertEquals("load-balancer", run.output("endpointMode"));
        assertEquals(API_URL, run.output("enclaveApiUrl"));
        assertEquals(List.of("us-east-1a", "us-east-1b"), run.output("availabilityZones"));
        assertEquals(HOSTS + "-f7e8d9c", run.output("autoScalingGroupName"));
        assertEquals("/aws/ec2/nautilus-nitro-enclave", run.output("logGroupName"));
        assertEquals("us-east-1", run.output("region"));
        assertEquals(Map.of("0", PCR0), run.output("expectedPcrs"));
        assertEquals(
                Map.of("policy", POLICY_ID, "analyzers", Map.of("model", MODEL_ID, "provenance", PROVENANCE_ID)),
                run.output("expectedAnalysis"));
        assertEquals(false, run.output("debugMode"));
    }

    @Test
    @DisplayName("backendConfig has exactly the shape the backend's loader reads, with the load balancer's URL")
    void backendConfig() {
        Map<String, Object> config = run.output("backendConfig");
        var json = new GsonBuilder().disableHtmlEscaping().create().toJson(config);
        assertEquals(
                "{\"enclaveApiUrls\":[\"" + API_URL + "\"],"
                        + "\"healthUrls\":[],"
                        + "\"expectedPcrs\":{\"0\":\"" + PCR0 + "\"},"
                        + "\"profile\":\"sui\",\"maxAgeSeconds\":300,\"allowDebug\":false,\"region\":\"us-east-1\","
                        + "\"expectedAnalysis\":{\"policy\":\"" + POLICY_ID + "\",\"analyzers\":{\"model\":\""
                        + MODEL_ID + "\","
                        + "\"provenance\":\"" + PROVENANCE_ID + "\"}}}",
                json);
    }

    @Test
    @DisplayName(
            "backendConfig loads with the backend library's BackendConfig, as a stack output and as the whole output object")
    void backendConfigLoadsInTheVerifier() {
        var gson = new GsonBuilder().disableHtmlEscaping().create();
        Map<String, Object> exported = run.output("backendConfig");
        String member = gson.toJson(exported);
        for (String json : List.of(member, "{\"region\":\"us-east-1\",\"backendConfig\":" + member + "}")) {
            BackendConfig loaded = BackendConfig.fromJson(json);
            assertEquals(List.of(URI.create(API_URL)), loaded.enclaveApiUrls());
            assertEquals(Set.of(0), loaded.expectedPcrs().keySet());
            assertEquals(PCR0, HexFormat.of().formatHex(loaded.expectedPcrs().get(0)));
            assertEquals(Profile.SUI, loaded.profile());
            assertEquals(Duration.ofMinutes(5), loaded.maxAge());
            assertFalse(loaded.allowDebug());
            assertFalse(loaded.customTrustAnchor(), "a deployed stack must use the pinned AWS root");
            ExpectedAnalysis analysis = loaded.expectedAnalysis().orElseThrow();
            assertEquals(POLICY_ID, HexFormat.of().formatHex(analysis.policyIdentity()));
            assertEquals(
                    Map.of("model", MODEL_ID, "provenance", PROVENANCE_ID),
                    analysis.analyzers().entrySet().stream()
                            .collect(Collectors.toMap(
                                    Map.Entry::getKey, e -> HexFormat.of().formatHex(e.getValue()))));
        }
        assertEquals(
                member, BackendConfig.fromJson(member).toJson(), "the verifier writes back what the stack exported");
    }

    @TestFactory
    @DisplayName("policies")
    Stream<DynamicTest> policies() {
        return StackPolicies.all(run, "test");
    }
}
