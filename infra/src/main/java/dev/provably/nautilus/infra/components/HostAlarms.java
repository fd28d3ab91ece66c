package dev.provably.nautilus.infra.components;

import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.aws.cloudwatch.inputs.MetricAlarmMetricQueryArgs;
import com.pulumi.aws.cloudwatch.inputs.MetricAlarmMetricQueryMetricArgs;
import com.pulumi.aws.sns.Topic;
import com.pulumi.aws.sns.TopicArgs;
import com.pulumi.aws.sns.TopicSubscription;
import com.pulumi.aws.sns.TopicSubscriptionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.provably.nautilus.infra.config.ObservabilitySettings;
import dev.provably.nautilus.infra.config.StackSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fleet's alarms: fewer hosts in service than desired, the enclave health metric that every host's
 * {@code nautilus-health-probe.timer} publishes each minute from {@code GET /health} (a fleet that
 * stops publishing counts as unhealthy), and, behind a load balancer, unhealthy targets. They notify
 * the configured SNS topic, or a topic created here for {@code alarmEmail}.
 */
public final class HostAlarms extends ComponentResource {
    private final Optional<Output<String>> topicArn;

    /** The load balancer dimensions, when there is one. */
    public record Targets(Output<String> loadBalancerArnSuffix, Output<String> targetGroupArnSuffix) {}

    public HostAlarms(
            String name,
            StackSettings settings,
            Output<String> groupName,
            Optional<Targets> targets,
            ComponentResourceOptions options) {
        super("nautilus:infra:HostAlarms", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var observability = settings.observability();
        Optional<Output<String>> topic = observability.alarmTopicArn().map(Output::of);
        if (observability.alarmEmail().isPresent()) {
            var created = new Topic(
                    name, TopicArgs.builder().tags(Tags.of(settings, name)).build(), child);
            new TopicSubscription(
                    name + "-email",
                    TopicSubscriptionArgs.builder()
                            .topic(created.arn())
                            .protocol("email")
                            .endpoint(observability.alarmEmail().get())
                            .build(),
                    child);
            topic = Optional.of(created.arn());
        }
        this.topicArn = topic;
        Output<List<String>> actions = topic.map(t -> t.applyValue(List::of)).orElse(Output.of(List.of()));
        var stack = settings.namePrefix();

        new MetricAlarm(
                name + "-capacity",
                MetricAlarmArgs.builder()
                        .alarmDescription("Nautilus " + stack + ": fewer hosts in service than desired (spot capacity,"
                                + " failed bootstrap or health checks)")
                        .metricQueries(
                                groupMetric("desired", "GroupDesiredCapacity", groupName),
                                groupMetric("inService", "GroupInServiceInstances", groupName),
                                MetricAlarmMetricQueryArgs.builder()
                                        .id("missing")
                                        .expression("desired - inService")
                                        .label("hosts missing")
                                        .returnData(true)
                                        .build())
                        .evaluationPeriods(10)
                        .threshold(1.0)
                        .comparisonOperator("GreaterThanOrEqualToThreshold")
                        .treatMissingData("breaching")
                        .alarmActions(actions)
                        .okActions(actions)
                        .tags(Tags.of(settings, name + "-capacity"))
                        .build(),
                child);
        new MetricAlarm(
                name + "-enclave-unhealthy",
                MetricAlarmArgs.builder()
                        .alarmDescription(
                                "Nautilus " + stack + ": a host reports an unhealthy enclave, or none reports")
                        .namespace(ObservabilitySettings.METRIC_NAMESPACE)
                        .metricName(ObservabilitySettings.HEALTH_METRIC)
                        .dimensions(Map.of(ObservabilitySettings.STACK_DIMENSION, stack))
                        .statistic("Minimum")
                        .period(60)
                        .evaluationPeriods(3)
                        .threshold(1.0)
                        .comparisonOperator("LessThanThreshold")
                        .treatMissingData("breaching")
                        .alarmActions(actions)
                        .okActions(actions)
                        .tags(Tags.of(settings, name + "-enclave-unhealthy"))
                        .build(),
                child);
        targets.ifPresent(t -> new MetricAlarm(
                name + "-unhealthy-targets",
                MetricAlarmArgs.builder()
                        .alarmDescription("Nautilus " + stack + ": the load balancer sees unhealthy hosts")
                        .namespace("AWS/NetworkELB")
                        .metricName("UnHealthyHostCount")
                        .dimensions(Output.tuple(t.loadBalancerArnSuffix(), t.targetGroupArnSuffix())
                                .applyValue(d -> Map.of("LoadBalancer", d.t1, "TargetGroup", d.t2)))
                        .statistic("Maximum")
                        .period(60)
                        .evaluationPeriods(3)
                        .threshold(1.0)
                        .comparisonOperator("GreaterThanOrEqualToThreshold")
                        .treatMissingData("notBreaching")
                        .alarmActions(actions)
                        .okActions(actions)
                        .tags(Tags.of(settings, name + "-unhealthy-targets"))
                        .build(),
                child));
        registerOutputs(Map.of());
    }

    private static MetricAlarmMetricQueryArgs groupMetric(String id, String metric, Output<String> groupName) {
        return MetricAlarmMetricQueryArgs.builder()
                .id(id)
                .returnData(false)
                .metric(MetricAlarmMetricQueryMetricArgs.builder()
                        .namespace("AWS/AutoScaling")
                        .metricName(metric)
                        .dimensions(groupName.applyValue(n -> Map.of("AutoScalingGroupName", n)))
                        .stat("Minimum")
                        .period(60)
                        .build())
                .build();
    }

    /** The topic the alarms notify, if any. */
    public Optional<Output<String>> topicArn() {
        return topicArn;
    }
}
