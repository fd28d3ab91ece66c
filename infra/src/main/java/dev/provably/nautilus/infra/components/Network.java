package dev.provably.nautilus.infra.components;

import com.pulumi.aws.ec2.InternetGateway;
import com.pulumi.aws.ec2.InternetGatewayArgs;
import com.pulumi.aws.ec2.RouteTable;
import com.pulumi.aws.ec2.RouteTableArgs;
import com.pulumi.aws.ec2.RouteTableAssociation;
import com.pulumi.aws.ec2.RouteTableAssociationArgs;
import com.pulumi.aws.ec2.Subnet;
import com.pulumi.aws.ec2.SubnetArgs;
import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import com.pulumi.aws.ec2.inputs.RouteTableRouteArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.provably.nautilus.infra.config.NetworkSettings;
import dev.provably.nautilus.infra.config.StackSettings;
import java.util.Map;

/** A VPC with one public subnet routed to an internet gateway. */
public final class Network extends ComponentResource {
    private final Output<String> vpcId;
    private final Output<String> subnetId;
    private final Resource publicRoute;

    public Network(String name, StackSettings settings, ComponentResourceOptions options) {
        super("nautilus:infra:Network", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        var vpc = new Vpc(name + "-vpc", VpcArgs.builder()
                .cidrBlock(NetworkSettings.VPC_CIDR)
                .enableDnsSupport(true)
                .enableDnsHostnames(true)
                .tags(Tags.of(settings, name + "-vpc"))
                .build(), child);
        var gateway = new InternetGateway(name + "-igw", InternetGatewayArgs.builder()
                .vpcId(vpc.id())
                .tags(Tags.of(settings, name + "-igw"))
                .build(), child);
        // Hosts get their public address explicitly (associatePublicIpAddress), not from the subnet.
        var subnet = new Subnet(name + "-public", SubnetArgs.builder()
                .vpcId(vpc.id())
                .cidrBlock(NetworkSettings.PUBLIC_SUBNET_CIDR)
                .availabilityZone(settings.network().availabilityZone())
                .mapPublicIpOnLaunch(false)
                .tags(Tags.of(settings, name + "-public"))
                .build(), child);
        var routes = new RouteTable(name + "-public", RouteTableArgs.builder()
                .vpcId(vpc.id())
                .routes(RouteTableRouteArgs.builder().cidrBlock("0.0.0.0/0").gatewayId(gateway.id()).build())
                .tags(Tags.of(settings, name + "-public"))
                .build(), child);
        this.publicRoute = new RouteTableAssociation(name + "-public", RouteTableAssociationArgs.builder()
                .subnetId(subnet.id())
                .routeTableId(routes.id())
                .build(), child);

        this.vpcId = vpc.id();
        this.subnetId = subnet.id();
        registerOutputs(Map.of("vpcId", vpcId, "subnetId", subnetId));
    }

    public Output<String> vpcId() {
        return vpcId;
    }

    public Output<String> subnetId() {
        return subnetId;
    }

    /** Hosts depend on this, so they boot with a route to the internet (packages, S3). */
    public Resource publicRoute() {
        return publicRoute;
    }
}
