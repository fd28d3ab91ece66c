package dev.provably.nautilus.infra;

import com.pulumi.Context;
import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.ec2.Ec2Functions;
import com.pulumi.aws.ec2.inputs.GetAmiArgs;
import com.pulumi.aws.ec2.inputs.GetAmiFilterArgs;
import com.pulumi.aws.ec2.outputs.GetAmiResult;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.provably.nautilus.infra.components.EnclaveHost;
import dev.provably.nautilus.infra.components.EnclaveKey;
import dev.provably.nautilus.infra.components.EnclaveLogs;
import dev.provably.nautilus.infra.components.HostAlarms;
import dev.provably.nautilus.infra.components.HostFirewall;
import dev.provably.nautilus.infra.components.HostIdentity;
import dev.provably.nautilus.infra.components.HostPermissions;
import dev.provably.nautilus.infra.components.Network;
import dev.provably.nautilus.infra.config.KmsChoice;
import dev.provably.nautilus.infra.config.StackSettings;
import dev.provably.nautilus.infra.host.HostFilesRenderer;
import dev.provably.nautilus.infra.iam.AwsAccount;
import dev.provably.nautilus.infra.outputs.BackendConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Declares every resource of the stack from validated settings, then exports the outputs. */
final class NautilusStack {
    /** Amazon Linux 2023 standard (not minimal) x86_64 images. */
    static final String AL2023_NAME_FILTER = "al2023-ami-2023.*-x86_64";

    private NautilusStack() {}

    static void build(Context ctx, StackSettings settings) {
        var name = settings.namePrefix();
        var none = ComponentResourceOptions.Empty;
        if (!settings.network().sshEnabled() && !settings.network().enableSsm()) {
            ctx.log().warn("Neither SSH nor SSM Session Manager is enabled: the hosts can be inspected only through"
                    + " their CloudWatch logs.");
        }

        var network = new Network(name, settings, none);
        var firewall = new HostFirewall(name, settings, network.vpcId(), none);
        var logs = new EnclaveLogs(name, settings, none);
        var identity = new HostIdentity(name, settings, none);
        Output<AwsAccount> account = AwsFunctions.getCallerIdentity()
                .applyValue(caller -> AwsAccount.fromCallerArn(caller.arn()));

        Optional<Output<String>> kmsKeyArn;
        var kms = settings.kms();
        if (kms instanceof KmsChoice.CreateKey) {
            kmsKeyArn = Optional.of(new EnclaveKey(name, settings, account, identity.roleArn(), none).keyArn());
        } else if (kms instanceof KmsChoice.ExistingKey existing) {
            kmsKeyArn = Optional.of(Output.of(existing.arn()));
        } else {
            kmsKeyArn = Optional.empty();
        }
        var permissions = new HostPermissions(name, settings, identity.roleName(), account, logs.logGroupArn(),
                kmsKeyArn, none);

        var ami = settings.host().amiId().map(Output::of).orElseGet(NautilusStack::latestAmazonLinux);
        var placement = new EnclaveHost.Placement(network.subnetId(), firewall.securityGroupId(),
                identity.instanceProfileName(), ami, settings.host().amiId().isEmpty(),
                HostFilesRenderer.render(settings).userData(),
                // Boot needs the internet route and the role's permissions (S3, logs) in place.
                List.of(network.publicRoute(), permissions));
        var hosts = new ArrayList<EnclaveHost>();
        for (int i = 0; i < settings.host().count(); i++) {
            hosts.add(new EnclaveHost(name + "-host-" + i, settings, placement, none));
        }
        var instanceIds = hosts.stream().map(EnclaveHost::instanceId).toList();
        if (settings.observability().enableAlarms()) {
            new HostAlarms(name + "-alarms", settings, instanceIds, none);
        }

        exportOutputs(ctx, settings, hosts, logs, firewall, network, kmsKeyArn);
    }

    private static Output<String> latestAmazonLinux() {
        return Ec2Functions.getAmi(GetAmiArgs.builder()
                        .mostRecent(true)
                        .owners("amazon")
                        .filters(filter("name", AL2023_NAME_FILTER), filter("architecture", "x86_64"),
                                filter("virtualization-type", "hvm"), filter("state", "available"))
                        .build())
                .applyValue(GetAmiResult::id);
    }

    private static GetAmiFilterArgs filter(String name, String value) {
        return GetAmiFilterArgs.builder().name(name).values(value).build();
    }

    private static void exportOutputs(Context ctx, StackSettings settings, List<EnclaveHost> hosts, EnclaveLogs logs,
            HostFirewall firewall, Network network, Optional<Output<String>> kmsKeyArn) {
        var net = settings.network();
        Output<List<String>> ips = Output.all(hosts.stream().map(EnclaveHost::publicIp).toList());
        Output<List<String>> ids = Output.all(hosts.stream().map(EnclaveHost::instanceId).toList());
        var apiUrls = ips.applyValue(each(ip -> BackendConfig.enclaveApiUrl(settings, ip)));
        var healthUrls = ips.applyValue(each(ip -> BackendConfig.healthUrl(settings, ip)));

        ctx.export("region", Output.of(net.region()));
        ctx.export("availabilityZone", Output.of(net.availabilityZone()));
        ctx.export("instanceType", Output.of(settings.host().instanceType().name()));
        ctx.export("vpcId", network.vpcId());
        ctx.export("securityGroupId", firewall.securityGroupId());
        ctx.export("instanceIds", ids);
        ctx.export("publicIps", ips);
        ctx.export("enclaveApiUrls", apiUrls);
        ctx.export("healthUrls", healthUrls);
        ctx.export("sshCommands", net.sshEnabled()
                ? ips.applyValue(each(ip -> "ssh -i ~/.ssh/" + net.sshKeyName().orElseThrow() + ".pem ec2-user@" + ip))
                : Output.of(List.<String>of()));
        ctx.export("ssmCommands", net.enableSsm()
                ? ids.applyValue(each(id -> "aws ssm start-session --region " + net.region() + " --target " + id))
                : Output.of(List.<String>of()));
        ctx.export("logGroupName", logs.logGroupName());
        ctx.export("expectedPcrs", Output.of(settings.enclave().expectedPcrs().byIndexString()));
        kmsKeyArn.ifPresent(arn -> ctx.export("kmsKeyArn", arn));
        ctx.export("debugMode", Output.of(settings.enclave().debugMode()));
        if (settings.enclave().debugMode()) {
            var warning = "DEBUG MODE: the enclave runs with --debug-mode; its attestation PCRs are all zeros and"
                    + " its memory is inspectable. Never use this stack in production.";
            ctx.log().warn(warning);
            ctx.export("debugModeWarning", Output.of(warning));
        }
        ctx.export("backendConfig", Output.tuple(apiUrls, healthUrls)
                .applyValue(t -> BackendConfig.of(settings, t.t1, t.t2)));
    }

    private static Function<List<String>, List<String>> each(Function<String, String> f) {
        return list -> list.stream().map(f).toList();
    }
}
