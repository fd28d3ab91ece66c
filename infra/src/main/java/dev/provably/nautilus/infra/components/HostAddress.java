package dev.provably.nautilus.infra.components;

import com.pulumi.aws.ec2.Eip;
import com.pulumi.aws.ec2.EipArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.provably.nautilus.infra.config.StackSettings;
import dev.provably.nautilus.infra.host.HostFilesRenderer;
import java.util.Map;

/**
 * Single-host mode's stable address: an Elastic IP that each new host (after a spot interruption or
 * an instance refresh) attaches to itself on boot, finding it by its {@code Name} tag.
 */
public final class HostAddress extends ComponentResource {
    private final Output<String> publicIp;
    private final Output<String> allocationId;

    public HostAddress(String name, StackSettings settings, ComponentResourceOptions options) {
        super("nautilus:infra:HostAddress", name, options);
        var tagName = HostFilesRenderer.elasticIpName(settings);
        var eip = new Eip(
                tagName,
                EipArgs.builder().domain("vpc").tags(Tags.of(settings, tagName)).build(),
                CustomResourceOptions.builder().parent(this).build());
        this.publicIp = eip.publicIp();
        this.allocationId = eip.allocationId();
        registerOutputs(Map.of("publicIp", publicIp, "allocationId", allocationId));
    }

    public Output<String> publicIp() {
        return publicIp;
    }

    public Output<String> allocationId() {
        return allocationId;
    }
}
