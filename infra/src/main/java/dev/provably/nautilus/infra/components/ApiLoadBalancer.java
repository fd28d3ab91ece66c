package dev.provably.nautilus.infra.components;

import com.pulumi.aws.lb.Listener;
import com.pulumi.aws.lb.ListenerArgs;
import com.pulumi.aws.lb.LoadBalancer;
import com.pulumi.aws.lb.LoadBalancerArgs;
import com.pulumi.aws.lb.TargetGroup;
import com.pulumi.aws.lb.TargetGroupArgs;
import com.pulumi.aws.lb.inputs.ListenerDefaultActionArgs;
import com.pulumi.aws.lb.inputs.TargetGroupHealthCheckArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.provably.nautilus.infra.config.LoadBalancing;
import dev.provably.nautilus.infra.config.StackSettings;
import java.util.List;
import java.util.Map;

/**
 * A public, cross-zone network load balancer in front of the hosts: TCP on the API port (or TLS on
 * 443 with an ACM certificate) to the hosts' API port, healthy only while {@code GET /health} on the
 * health port answers 200. Instance targets keep the client's address, so the hosts' security group
 * still decides which clients get in.
 */
public final class ApiLoadBalancer extends ComponentResource {
    public static final int HEALTH_CHECK_INTERVAL_SECONDS = 10;
    public static final String SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

    private final Output<String> dnsName;
    private final Output<String> targetGroupArn;
    private final Output<String> loadBalancerArnSuffix;
    private final Output<String> targetGroupArnSuffix;

    public ApiLoadBalancer(
            String name,
            StackSettings settings,
            LoadBalancing.Nlb nlb,
            Output<String> vpcId,
            Output<List<String>> subnetIds,
            ComponentResourceOptions options) {
        super("nautilus:infra:ApiLoadBalancer", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var network = settings.network();

        var balancer = new LoadBalancer(
                name,
                LoadBalancerArgs.builder()
                        .loadBalancerType("network")
                        .internal(false)
                        .subnets(subnetIds)
                        .enableCrossZoneLoadBalancing(true)
                        .tags(Tags.of(settings, name))
                        .build(),
                child);
        var targets = new TargetGroup(
                name,
                TargetGroupArgs.builder()
                        .vpcId(vpcId)
                        .targetType("instance")
                        .protocol("TCP")
                        .port(network.apiPort())
                        .healthCheck(TargetGroupHealthCheckArgs.builder()
                                .enabled(true)
                                .protocol("HTTP")
                                .port(Integer.toString(network.healthPort()))
                                .path("/health")
                                .matcher("200")
                                .interval(HEALTH_CHECK_INTERVAL_SECONDS)
                                .healthyThreshold(3)
                                .unhealthyThreshold(3)
                                .build())
                        .tags(Tags.of(settings, name))
                        .build(),
                child);
        var listener = ListenerArgs.builder()
                .loadBalancerArn(balancer.arn())
                .defaultActions(ListenerDefaultActionArgs.builder()
                        .type("forward")
                        .targetGroupArn(targets.arn())
                        .build())
                .tags(Tags.of(settings, name));
        nlb.tlsCertificateArn()
                .ifPresentOrElse(
                        certificate -> listener.protocol("TLS")
                                .port(LoadBalancing.Nlb.TLS_PORT)
                                .certificateArn(certificate)
                                .sslPolicy(SSL_POLICY),
                        () -> listener.protocol("TCP").port(network.apiPort()));
        new Listener(name, listener.build(), child);

        this.dnsName = balancer.dnsName();
        this.targetGroupArn = targets.arn();
        this.loadBalancerArnSuffix = balancer.arnSuffix();
        this.targetGroupArnSuffix = targets.arnSuffix();
        registerOutputs(Map.of("dnsName", dnsName, "targetGroupArn", targetGroupArn));
    }

    public Output<String> dnsName() {
        return dnsName;
    }

    public Output<String> targetGroupArn() {
        return targetGroupArn;
    }

    /** CloudWatch's LoadBalancer dimension. */
    public Output<String> loadBalancerArnSuffix() {
        return loadBalancerArnSuffix;
    }

    /** CloudWatch's TargetGroup dimension. */
    public Output<String> targetGroupArnSuffix() {
        return targetGroupArnSuffix;
    }
}
