package dev.provably.nautilus.infra.components;

import com.pulumi.aws.ec2.Eip;
import com.pulumi.aws.ec2.EipArgs;
import com.pulumi.aws.ec2.Instance;
import com.pulumi.aws.ec2.InstanceArgs;
import com.pulumi.aws.ec2.inputs.InstanceEnclaveOptionsArgs;
import com.pulumi.aws.ec2.inputs.InstanceInstanceMarketOptionsArgs;
import com.pulumi.aws.ec2.inputs.InstanceInstanceMarketOptionsSpotOptionsArgs;
import com.pulumi.aws.ec2.inputs.InstanceMetadataOptionsArgs;
import com.pulumi.aws.ec2.inputs.InstanceRootBlockDeviceArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.provably.nautilus.infra.config.Market;
import dev.provably.nautilus.infra.config.StackSettings;
import java.util.List;
import java.util.Map;

/** One Nitro Enclaves parent instance (and its Elastic IP, if configured). */
public final class EnclaveHost extends ComponentResource {
    /** IMDSv2 hop limit: 2 lets containers on the host (docker builds) reach the metadata service. */
    public static final int METADATA_HOP_LIMIT = 2;

    private final Output<String> instanceId;
    private final Output<String> publicIp;

    /** Inputs every host shares. */
    public record Placement(
            Output<String> subnetId,
            Output<String> securityGroupId,
            Output<String> instanceProfileName,
            Output<String> amiId,
            boolean amiLookedUp,
            String userData,
            List<Resource> bootDependencies) {
        public Placement {
            bootDependencies = List.copyOf(bootDependencies);
        }
    }

    public EnclaveHost(String name, StackSettings settings, Placement placement, ComponentResourceOptions options) {
        super("nautilus:infra:EnclaveHost", name, options);
        var host = settings.host();
        var args = InstanceArgs.builder()
                .ami(placement.amiId())
                .instanceType(host.instanceType().name())
                .subnetId(placement.subnetId())
                .vpcSecurityGroupIds(placement.securityGroupId().applyValue(List::of))
                .iamInstanceProfile(placement.instanceProfileName())
                .associatePublicIpAddress(true)
                .enclaveOptions(InstanceEnclaveOptionsArgs.builder().enabled(true).build())
                .metadataOptions(InstanceMetadataOptionsArgs.builder()
                        .httpEndpoint("enabled")
                        .httpTokens("required")
                        .httpPutResponseHopLimit(METADATA_HOP_LIMIT)
                        .instanceMetadataTags("disabled")
                        .build())
                .rootBlockDevice(InstanceRootBlockDeviceArgs.builder()
                        .volumeType("gp3")
                        .volumeSize(host.rootVolumeSizeGb())
                        .encrypted(true)
                        .deleteOnTermination(true)
                        .tags(Tags.of(settings, name + "-root"))
                        .build())
                .monitoring(host.detailedMonitoring())
                .userData(placement.userData())
                // User data runs on first boot only, so a changed script needs a new instance.
                .userDataReplaceOnChange(true)
                .tags(Tags.of(settings, name));
        if (host.market() instanceof Market.Spot spot) {
            args.instanceMarketOptions(spotOptions(spot));
        }
        if (settings.network().sshEnabled()) {
            args.keyName(settings.network().sshKeyName().orElseThrow());
        }

        var instanceOptions = CustomResourceOptions.builder()
                .parent(this)
                .dependsOn(placement.bootDependencies());
        if (placement.amiLookedUp()) {
            // A newer Amazon Linux release must not replace running enclaves; pin amiId to roll one out.
            instanceOptions.ignoreChanges("ami");
        }
        var instance = new Instance(name, args.build(), instanceOptions.build());
        this.instanceId = instance.id();

        if (host.useElasticIp()) {
            var eip = new Eip(name + "-eip", EipArgs.builder()
                    .domain("vpc")
                    .instance(instance.id())
                    .tags(Tags.of(settings, name + "-eip"))
                    .build(), CustomResourceOptions.builder().parent(this).build());
            this.publicIp = eip.publicIp();
        } else {
            this.publicIp = instance.publicIp();
        }
        registerOutputs(Map.of("instanceId", instanceId, "publicIp", publicIp));
    }

    private static InstanceInstanceMarketOptionsArgs spotOptions(Market.Spot spot) {
        return InstanceInstanceMarketOptionsArgs.builder()
                .marketType("spot")
                .spotOptions(InstanceInstanceMarketOptionsSpotOptionsArgs.builder()
                        .maxPrice(spot.maxPrice())
                        .spotInstanceType(spot.requestType())
                        .instanceInterruptionBehavior(spot.interruption().value())
                        .build())
                .build();
    }

    public Output<String> instanceId() {
        return instanceId;
    }

    /** The Elastic IP when configured, else the instance's (changing) public IP. */
    public Output<String> publicIp() {
        return publicIp;
    }
}
