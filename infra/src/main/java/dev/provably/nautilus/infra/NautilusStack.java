package dev.provably.nautilus.infra;

import com.pulumi.Context;
import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.ec2.Ec2Functions;
import com.pulumi.aws.ec2.inputs.GetInstanceTypeOfferingsArgs;
import com.pulumi.aws.ec2.inputs.GetInstanceTypeOfferingsFilterArgs;
import com.pulumi.aws.ssm.SsmFunctions;
import com.pulumi.aws.ssm.inputs.GetParameterArgs;
import com.pulumi.aws.ssm.outputs.GetParameterResult;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.provably.nautilus.infra.components.ApiLoadBalancer;
import dev.provably.nautilus.infra.components.EnclaveKey;
import dev.provably.nautilus.infra.components.EnclaveLogs;
import dev.provably.nautilus.infra.components.HostAddress;
import dev.provably.nautilus.infra.components.HostAlarms;
import dev.provably.nautilus.infra.components.HostFirewall;
import dev.provably.nautilus.infra.components.HostFleet;
import dev.provably.nautilus.infra.components.HostIdentity;
import dev.provably.nautilus.infra.components.HostPermissions;
import dev.provably.nautilus.infra.components.Network;
import dev.provably.nautilus.infra.config.ExpectedAnalysis;
import dev.provably.nautilus.infra.config.KmsChoice;
import dev.provably.nautilus.infra.config.LoadBalancing;
import dev.provably.nautilus.infra.config.StackSettings;
import dev.provably.nautilus.infra.cost.CostEstimate;
import dev.provably.nautilus.infra.cost.PriceTable;
import dev.provably.nautilus.infra.host.HostFilesRenderer;
import dev.provably.nautilus.infra.iam.AwsAccount;
import dev.provably.nautilus.infra.outputs.BackendConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Declares every resource of the stack from validated settings, then exports the outputs. */
final class NautilusStack {
    /** Amazon Linux 2023, default kernel line, x86_64: one image line, published by AWS. */
    static final String AL2023_PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

    private NautilusStack() {}

    static void build(Context ctx, StackSettings settings) {
        var name = settings.namePrefix();
        var none = ComponentResourceOptions.Empty;
        if (!settings.network().sshEnabled() && !settings.network().enableSsm()) {
            ctx.log()
                    .warn("Neither SSH nor SSM Session Manager is enabled: the hosts can be inspected only through"
                            + " their CloudWatch logs.");
        }

        var network = new Network(name, settings, zonesOffering(settings), none);
        var firewall = new HostFirewall(name, settings, network.vpcId(), none);
        var logs = new EnclaveLogs(name, settings, none);
        var identity = new HostIdentity(name, settings, none);
        Output<AwsAccount> account =
                AwsFunctions.getCallerIdentity().applyValue(caller -> AwsAccount.fromCallerArn(caller.arn()));

        Optional<Output<String>> kmsKeyArn;
        var kms = settings.kms();
        if (kms instanceof KmsChoice.CreateKey) {
            kmsKeyArn = Optional.of(new EnclaveKey(name, settings, account, identity.roleArn(), none).keyArn());
        } else if (kms instanceof KmsChoice.ExistingKey existing) {
            kmsKeyArn = Optional.of(Output.of(existing.arn()));
        } else {
            kmsKeyArn = Optional.empty();
        }

        var loadBalancing = settings.network().loadBalancing();
        Optional<ApiLoadBalancer> balancer = Optional.empty();
        Optional<HostAddress> address = Optional.empty();
        if (loadBalancing instanceof LoadBalancing.Nlb nlb) {
            balancer = Optional.of(
                    new ApiLoadBalancer(name + "-api", settings, nlb, network.vpcId(), network.subnetIds(), none));
        } else {
            address = Optional.of(new HostAddress(name + "-address", settings, none));
        }
        var permissions = new HostPermissions(
                name,
                settings,
                identity.roleName(),
                account,
                logs.logGroupArn(),
                kmsKeyArn,
                address.map(HostAddress::allocationId),
                none);

        var ami = settings.host().amiId().map(Output::of).orElseGet(NautilusStack::amazonLinux);
        var boot = new ArrayList<com.pulumi.resources.Resource>(network.publicRoutes());
        // Boot needs the internet route and the role's permissions (S3, logs) in place.
        boot.add(permissions);
        var placement = new HostFleet.Placement(
                network.subnetIds(),
                firewall.securityGroupId(),
                identity.instanceProfileName(),
                ami,
                settings.host().amiId().isEmpty(),
                HostFilesRenderer.render(settings).userData(),
                balancer.map(ApiLoadBalancer::targetGroupArn),
                boot);
        var fleet = new HostFleet(name + "-hosts", settings, placement, none);

        Optional<Output<String>> alarmTopic = Optional.empty();
        if (settings.observability().enableAlarms()) {
            var alarms = new HostAlarms(
                    name + "-alarms",
                    settings,
                    fleet.groupName(),
                    balancer.map(b -> new HostAlarms.Targets(b.loadBalancerArnSuffix(), b.targetGroupArnSuffix())),
                    none);
            alarmTopic = alarms.topicArn();
        }

        Output<String> endpointHost = balancer.isPresent()
                ? balancer.get().dnsName()
                : address.orElseThrow().publicIp();
        exportOutputs(ctx, settings, network, firewall, logs, fleet, endpointHost, kmsKeyArn, alarmTopic);
    }

    /**
     * The first {@code zoneCount} zones of the region, in name order, where the configured type is
     * offered (a zone name maps to different physical zones per account, so names are not hard-coded).
     */
    private static Output<List<String>> zonesOffering(StackSettings settings) {
        int wanted = settings.network().zoneCount();
        var type = settings.host().instanceType().name();
        return Ec2Functions.getInstanceTypeOfferings(GetInstanceTypeOfferingsArgs.builder()
                        .locationType("availability-zone")
                        .filters(GetInstanceTypeOfferingsFilterArgs.builder()
                                .name("instance-type")
                                .values(type)
                                .build())
                        .build())
                .applyValue(offerings -> ZoneChoice.first(
                        offerings.locations(), wanted, type, settings.network().region()));
    }

    private static Output<String> amazonLinux() {
        return SsmFunctions.getParameter(
                        GetParameterArgs.builder().name(AL2023_PARAMETER).build())
                .applyValue(GetParameterResult::value);
    }

    private static void exportOutputs(
            Context ctx,
            StackSettings settings,
            Network network,
            HostFirewall firewall,
            EnclaveLogs logs,
            HostFleet fleet,
            Output<String> endpointHost,
            Optional<Output<String>> kmsKeyArn,
            Optional<Output<String>> alarmTopic) {
        var net = settings.network();
        var apiUrl = endpointHost.applyValue(host -> BackendConfig.enclaveApiUrl(settings, host));
        ctx.export("region", Output.of(net.region()));
        ctx.export("availabilityZones", network.zones());
        ctx.export(
                "instanceTypes",
                Output.of(settings.host().instanceTypes().stream()
                        .map(t -> t.name())
                        .toList()));
        ctx.export("endpointMode", Output.of(net.loadBalancing().mode()));
        ctx.export("vpcId", network.vpcId());
        ctx.export("subnetIds", network.subnetIds());
        ctx.export("securityGroupId", firewall.securityGroupId());
        ctx.export("autoScalingGroupName", fleet.groupName());
        ctx.export("launchTemplateId", fleet.launchTemplateId());
        ctx.export("amiId", fleet.amiId());
        ctx.export("enclaveApiUrl", apiUrl);
        ctx.export(
                "ssmCommand",
                Output.of(
                        net.enableSsm()
                                ? "aws ssm start-session --region " + net.region()
                                        + " --target <instance-id> (list: aws autoscaling"
                                        + " describe-auto-scaling-groups --region " + net.region() + ")"
                                : "Session Manager is disabled (enableSsm false)"));
        ctx.export("logGroupName", logs.logGroupName());
        ctx.export("expectedPcrs", Output.of(settings.enclave().expectedPcrs().byIndexString()));
        var analysis = settings.verifier().expectedAnalysis();
        ctx.export("expectedAnalysis", Output.of(analysis.backendConfigValue()));
        if (analysis instanceof ExpectedAnalysis.Any) {
            var warning = "ANY ANALYSIS: expectedAnalysis is any; the backend accepts reports from whatever analyzers"
                    + " and verdict policy the pinned image runs. Pin their identities for production.";
            ctx.log().warn(warning);
            ctx.export("expectedAnalysisWarning", Output.of(warning));
        }
        kmsKeyArn.ifPresent(arn -> ctx.export("kmsKeyArn", arn));
        alarmTopic.ifPresent(arn -> ctx.export("alarmTopicArn", arn));
        ctx.export("monthlyCostEstimate", Output.of(CostEstimate.of(settings, PriceTable.load())));
        ctx.export("debugMode", Output.of(settings.enclave().debugMode()));
        if (settings.enclave().debugMode()) {
            var warning = "DEBUG MODE: the enclave runs with --debug-mode; its attestation PCRs are all zeros and"
                    + " its memory is inspectable. Never use this stack in production.";
            ctx.log().warn(warning);
            ctx.export("debugModeWarning", Output.of(warning));
        }
        // Behind the load balancer the hosts' health port is reachable only from inside the VPC.
        boolean single = net.loadBalancing() instanceof LoadBalancing.SingleHost;
        ctx.export(
                "backendConfig",
                endpointHost.applyValue(host -> BackendConfig.of(
                        settings,
                        List.of(BackendConfig.enclaveApiUrl(settings, host)),
                        single ? List.of(BackendConfig.healthUrl(settings, host)) : List.of())));
    }
}
