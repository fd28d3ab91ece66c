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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A VPC with one public subnet per availability zone, all routed to one internet gateway. */
public final class Network extends ComponentResource {
    private final Output<String> vpcId;
    private final Output<List<String>> subnetIds;
    private final Output<List<String>> zones;
    private final List<Resource> publicRoutes;

    /** @param zones the availability zones, at least {@code zoneCount} of them, first used first */
    public Network(String name, StackSettings settings, Output<List<String>> zones, ComponentResourceOptions options) {
        super("nautilus:infra:Network", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        var vpc = new Vpc(
                name + "-vpc",
                VpcArgs.builder()
                        .cidrBlock(NetworkSettings.VPC_CIDR)
                        .enableDnsSupport(true)
                        .enableDnsHostnames(true)
                        .tags(Tags.of(settings, name + "-vpc"))
                        .build(),
                child);
        var gateway = new InternetGateway(
                name + "-igw",
                InternetGatewayArgs.builder()
                        .vpcId(vpc.id())
                        .tags(Tags.of(settings, name + "-igw"))
                        .build(),
                child);
        var routes = new RouteTable(
                name + "-public",
                RouteTableArgs.builder()
                        .vpcId(vpc.id())
                        .routes(RouteTableRouteArgs.builder()
                                .cidrBlock("0.0.0.0/0")
                                .gatewayId(gateway.id())
                                .build())
                        .tags(Tags.of(settings, name + "-public"))
                        .build(),
                child);
        var subnets = new ArrayList<Output<String>>();
        var associations = new ArrayList<Resource>();
        for (int i = 0; i < settings.network().zoneCount(); i++) {
            // The first subnet keeps the original name and CIDR, so existing stacks keep it.
            var subnetName = i == 0 ? name + "-public" : name + "-public-" + i;
            int index = i;
            // The launch template gives hosts their public address, not the subnet.
            var subnet = new Subnet(
                    subnetName,
                    SubnetArgs.builder()
                            .vpcId(vpc.id())
                            .cidrBlock(NetworkSettings.publicSubnetCidr(i))
                            .availabilityZone(zones.applyValue(z -> z.get(index)))
                            .mapPublicIpOnLaunch(false)
                            .tags(Tags.of(settings, subnetName))
                            .build(),
                    child);
            associations.add(new RouteTableAssociation(
                    subnetName,
                    RouteTableAssociationArgs.builder()
                            .subnetId(subnet.id())
                            .routeTableId(routes.id())
                            .build(),
                    child));
            subnets.add(subnet.id());
        }
        this.publicRoutes = List.copyOf(associations);
        this.subnetIds = Output.all(subnets);
        this.zones = zones;

        this.vpcId = vpc.id();
        registerOutputs(Map.of("vpcId", vpcId, "subnetIds", subnetIds, "zones", zones));
    }

    public Output<String> vpcId() {
        return vpcId;
    }

    /** One public subnet per zone, in zone order. */
    public Output<List<String>> subnetIds() {
        return subnetIds;
    }

    public Output<List<String>> zones() {
        return zones;
    }

    /** Hosts depend on these, so they boot with a route to the internet (packages, S3). */
    public List<Resource> publicRoutes() {
        return publicRoutes;
    }
}
