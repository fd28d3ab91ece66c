package dev.provably.nautilus.infra.components;

import com.pulumi.aws.autoscaling.Group;
import com.pulumi.aws.autoscaling.GroupArgs;
import com.pulumi.aws.autoscaling.inputs.GroupInstanceRefreshArgs;
import com.pulumi.aws.autoscaling.inputs.GroupInstanceRefreshPreferencesArgs;
import com.pulumi.aws.autoscaling.inputs.GroupMixedInstancesPolicyArgs;
import com.pulumi.aws.autoscaling.inputs.GroupMixedInstancesPolicyInstancesDistributionArgs;
import com.pulumi.aws.autoscaling.inputs.GroupMixedInstancesPolicyLaunchTemplateArgs;
import com.pulumi.aws.autoscaling.inputs.GroupMixedInstancesPolicyLaunchTemplateLaunchTemplateSpecificationArgs;
import com.pulumi.aws.autoscaling.inputs.GroupMixedInstancesPolicyLaunchTemplateOverrideArgs;
import com.pulumi.aws.autoscaling.inputs.GroupTagArgs;
import com.pulumi.aws.ec2.LaunchTemplate;
import com.pulumi.aws.ec2.LaunchTemplateArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingEbsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateEnclaveOptionsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateIamInstanceProfileArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateMetadataOptionsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateMonitoringArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateNetworkInterfaceArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateTagSpecificationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.provably.nautilus.infra.config.Market;
import dev.provably.nautilus.infra.config.NitroInstanceType;
import dev.provably.nautilus.infra.config.StackSettings;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The enclave hosts: a launch template (IMDSv2, encrypted gp3, Nitro Enclaves, the rendered user data)
 * and an Auto Scaling group over every public subnet with a mixed-instances policy. The group owns the
 * spot lifecycle: it replaces interrupted or rebalanced hosts itself, so no persistent spot request
 * exists, and a launch-template change rolls out by instance refresh.
 */
public final class HostFleet extends ComponentResource {
    /** IMDSv2 hop limit: 2 lets containers on the host (docker builds) reach the metadata service. */
    public static final int METADATA_HOP_LIMIT = 2;
    /** Root device of Amazon Linux 2023. */
    public static final String ROOT_DEVICE = "/dev/xvda";
    /** Bootstrap (packages, artifacts, enclave start) must finish before health checks count. */
    public static final int HEALTH_CHECK_GRACE_SECONDS = 600;
    /** Instance refresh may launch new hosts before it terminates old ones (launch before terminate). */
    public static final int MAX_HEALTHY_PERCENTAGE = 200;

    public static final String SPOT_ALLOCATION = "price-capacity-optimized";
    /** The group metrics the capacity alarm reads. */
    public static final List<String> GROUP_METRICS = List.of("GroupDesiredCapacity", "GroupInServiceInstances");

    private final Output<String> groupName;
    private final Output<String> launchTemplateId;
    private final Output<String> amiId;

    /** Inputs from the rest of the stack. */
    public record Placement(
            Output<List<String>> subnetIds,
            Output<String> securityGroupId,
            Output<String> instanceProfileName,
            Output<String> amiId,
            boolean amiLookedUp,
            String userData,
            Optional<Output<String>> targetGroupArn,
            List<Resource> bootDependencies) {
        public Placement {
            bootDependencies = List.copyOf(bootDependencies);
        }
    }

    public HostFleet(String name, StackSettings settings, Placement placement, ComponentResourceOptions options) {
        super("nautilus:infra:HostFleet", name, options);
        var host = settings.host();
        var child = CustomResourceOptions.builder().parent(this);

        var template = LaunchTemplateArgs.builder()
                .description("Nautilus enclave host (" + settings.namePrefix() + ")")
                .imageId(placement.amiId())
                .instanceType(host.instanceType().name())
                .iamInstanceProfile(LaunchTemplateIamInstanceProfileArgs.builder()
                        .name(placement.instanceProfileName())
                        .build())
                .networkInterfaces(LaunchTemplateNetworkInterfaceArgs.builder()
                        .deviceIndex(0)
                        .associatePublicIpAddress("true")
                        .deleteOnTermination("true")
                        .securityGroups(placement.securityGroupId().applyValue(List::of))
                        .build())
                .enclaveOptions(
                        LaunchTemplateEnclaveOptionsArgs.builder().enabled(true).build())
                .metadataOptions(LaunchTemplateMetadataOptionsArgs.builder()
                        .httpEndpoint("enabled")
                        .httpTokens("required")
                        .httpPutResponseHopLimit(METADATA_HOP_LIMIT)
                        .instanceMetadataTags("disabled")
                        .build())
                .blockDeviceMappings(LaunchTemplateBlockDeviceMappingArgs.builder()
                        .deviceName(ROOT_DEVICE)
                        .ebs(LaunchTemplateBlockDeviceMappingEbsArgs.builder()
                                .volumeType("gp3")
                                .volumeSize(host.rootVolumeSizeGb())
                                .encrypted("true")
                                .deleteOnTermination("true")
                                .build())
                        .build())
                .monitoring(LaunchTemplateMonitoringArgs.builder()
                        .enabled(host.detailedMonitoring())
                        .build())
                // Launch templates take user data base64-encoded; the 16 KiB limit applies before encoding.
                .userData(
                        Base64.getEncoder().encodeToString(placement.userData().getBytes(StandardCharsets.UTF_8)))
                .tagSpecifications(
                        tagSpec("instance", Tags.of(settings, name)),
                        tagSpec("volume", Tags.of(settings, name + "-root")))
                .updateDefaultVersion(true)
                .tags(Tags.of(settings, name));
        settings.network()
                .sshKeyName()
                .filter(k -> settings.network().sshEnabled())
                .ifPresent(template::keyName);
        var templateOptions = CustomResourceOptions.builder().parent(this);
        if (placement.amiLookedUp()) {
            // Resolved once: a newer Amazon Linux must not drift the fleet; every host, also ones added
            // later, gets the template's AMI (output amiId). Set amiId to roll a new one out.
            templateOptions.ignoreChanges("imageId");
        }
        var launchTemplate = new LaunchTemplate(name, template.build(), templateOptions.build());

        var group = GroupArgs.builder()
                .vpcZoneIdentifiers(placement.subnetIds())
                .desiredCapacity(host.desired())
                .minSize(host.min())
                .maxSize(host.max())
                .capacityRebalance(host.market() instanceof Market.Spot)
                .mixedInstancesPolicy(GroupMixedInstancesPolicyArgs.builder()
                        .instancesDistribution(distribution(host.market()))
                        .launchTemplate(GroupMixedInstancesPolicyLaunchTemplateArgs.builder()
                                .launchTemplateSpecification(
                                        GroupMixedInstancesPolicyLaunchTemplateLaunchTemplateSpecificationArgs.builder()
                                                .launchTemplateId(launchTemplate.id())
                                                // A new template version changes the group, which starts a refresh.
                                                .version(launchTemplate
                                                        .latestVersion()
                                                        .applyValue(String::valueOf))
                                                .build())
                                .overrides(host.instanceTypes().stream()
                                        .map(HostFleet::override)
                                        .toList())
                                .build())
                        .build())
                .instanceRefresh(GroupInstanceRefreshArgs.builder()
                        .strategy("Rolling")
                        .preferences(GroupInstanceRefreshPreferencesArgs.builder()
                                .minHealthyPercentage(host.minHealthyPercentage())
                                .maxHealthyPercentage(MAX_HEALTHY_PERCENTAGE)
                                .instanceWarmup(Integer.toString(HEALTH_CHECK_GRACE_SECONDS))
                                .build())
                        .build())
                .healthCheckType(placement.targetGroupArn().isPresent() ? "ELB" : "EC2")
                .healthCheckGracePeriod(HEALTH_CHECK_GRACE_SECONDS)
                .enabledMetrics(GROUP_METRICS)
                .tags(groupTags(settings, name));
        placement.targetGroupArn().ifPresent(arn -> group.targetGroupArns(arn.applyValue(List::of)));
        var asg = new Group(
                name,
                group.build(),
                child.dependsOn(placement.bootDependencies()).build());

        this.groupName = asg.name();
        this.launchTemplateId = launchTemplate.id();
        this.amiId = launchTemplate.imageId().applyValue(ami -> ami.orElse(""));
        registerOutputs(Map.of("groupName", groupName, "launchTemplateId", launchTemplateId, "amiId", amiId));
    }

    private static GroupMixedInstancesPolicyInstancesDistributionArgs distribution(Market market) {
        var distribution =
                GroupMixedInstancesPolicyInstancesDistributionArgs.builder().onDemandAllocationStrategy("prioritized");
        if (market instanceof Market.Spot spot) {
            distribution
                    .onDemandBaseCapacity(spot.onDemandBaseCapacity())
                    .onDemandPercentageAboveBaseCapacity(0)
                    .spotAllocationStrategy(SPOT_ALLOCATION);
            spot.maxPrice().ifPresent(distribution::spotMaxPrice);
        } else {
            distribution.onDemandBaseCapacity(0).onDemandPercentageAboveBaseCapacity(100);
        }
        return distribution.build();
    }

    private static GroupMixedInstancesPolicyLaunchTemplateOverrideArgs override(NitroInstanceType type) {
        return GroupMixedInstancesPolicyLaunchTemplateOverrideArgs.builder()
                .instanceType(type.name())
                .build();
    }

    private static LaunchTemplateTagSpecificationArgs tagSpec(String resourceType, Map<String, String> tags) {
        return LaunchTemplateTagSpecificationArgs.builder()
                .resourceType(resourceType)
                .tags(tags)
                .build();
    }

    private static List<GroupTagArgs> groupTags(StackSettings settings, String name) {
        // Instances and volumes get their tags from the launch template.
        return Tags.of(settings, name).entrySet().stream()
                .map(e -> GroupTagArgs.builder()
                        .key(e.getKey())
                        .value(e.getValue())
                        .propagateAtLaunch(false)
                        .build())
                .toList();
    }

    public Output<String> groupName() {
        return groupName;
    }

    public Output<String> launchTemplateId() {
        return launchTemplateId;
    }

    /** The AMI the hosts run, as recorded in the launch template. */
    public Output<String> amiId() {
        return amiId;
    }
}
