package dev.provably.nautilus.infra.components;

import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.ec2.inputs.SecurityGroupEgressArgs;
import com.pulumi.aws.ec2.inputs.SecurityGroupIngressArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.provably.nautilus.infra.config.Ipv4Cidr;
import dev.provably.nautilus.infra.config.LoadBalancing;
import dev.provably.nautilus.infra.config.NetworkSettings;
import dev.provably.nautilus.infra.config.StackSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The hosts' security group: SSH only from the admin CIDRs (none: no SSH rule at all), the enclave
 * API and the health port from their configured CIDRs (the load balancer keeps client addresses, so
 * this decides who gets in), health checks from inside the VPC behind a load balancer, all egress (packages, S3, KMS, CloudWatch).
 */
public final class HostFirewall extends ComponentResource {
    private final Output<String> securityGroupId;

    public HostFirewall(String name, StackSettings settings, Output<String> vpcId, ComponentResourceOptions options) {
        super("nautilus:infra:HostFirewall", name, options);
        var network = settings.network();
        var ingress = new ArrayList<SecurityGroupIngressArgs>();
        tcp(ingress, NetworkSettings.SSH_PORT, network.sshCidrs(), "SSH from admin CIDRs");
        tcp(ingress, network.apiPort(), network.apiCidrs(), "Enclave API (vsock proxy)");
        tcp(ingress, network.healthPort(), network.healthCidrs(), "Parent health endpoint");
        if (network.loadBalancing() instanceof LoadBalancing.Nlb) {
            // The load balancer's health checks come from its private addresses inside the VPC.
            tcp(
                    ingress,
                    network.healthPort(),
                    List.of(new Ipv4Cidr(NetworkSettings.VPC_CIDR)),
                    "Load balancer health checks");
        }

        var group = new SecurityGroup(
                name + "-sg",
                SecurityGroupArgs.builder()
                        .description("Nautilus enclave hosts (" + settings.namePrefix() + ")")
                        .vpcId(vpcId)
                        .ingress(ingress)
                        .egress(SecurityGroupEgressArgs.builder()
                                .description("All outbound")
                                .protocol("-1")
                                .fromPort(0)
                                .toPort(0)
                                .cidrBlocks("0.0.0.0/0")
                                .build())
                        .tags(Tags.of(settings, name + "-sg"))
                        .build(),
                CustomResourceOptions.builder().parent(this).build());
        this.securityGroupId = group.id();
        registerOutputs(Map.of("securityGroupId", securityGroupId));
    }

    private static void tcp(List<SecurityGroupIngressArgs> rules, int port, List<Ipv4Cidr> cidrs, String description) {
        if (cidrs.isEmpty()) {
            return;
        }
        rules.add(SecurityGroupIngressArgs.builder()
                .description(description)
                .protocol("tcp")
                .fromPort(port)
                .toPort(port)
                .cidrBlocks(cidrs.stream().map(Ipv4Cidr::text).toList())
                .build());
    }

    public Output<String> securityGroupId() {
        return securityGroupId;
    }
}
