package dev.provably.nautilus.infra.components;

import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.provably.nautilus.infra.config.ObservabilitySettings;
import dev.provably.nautilus.infra.config.StackSettings;
import java.util.List;
import java.util.Map;

/**
 * Two alarms per host: EC2's status check, and the enclave health metric that the host's
 * {@code nautilus-health-probe.timer} publishes every minute from {@code GET /health}. A host that
 * stops publishing (instance down, probe broken) counts as unhealthy.
 */
public final class HostAlarms extends ComponentResource {

    public HostAlarms(String name, StackSettings settings, List<Output<String>> instanceIds,
            ComponentResourceOptions options) {
        super("nautilus:infra:HostAlarms", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var actions = settings.observability().alarmTopicArn().map(List::of).orElse(List.of());
        for (int i = 0; i < instanceIds.size(); i++) {
            var instanceId = instanceIds.get(i);
            var host = name + "-" + i;
            new MetricAlarm(host + "-status-check", MetricAlarmArgs.builder()
                    .alarmDescription("Nautilus host " + i + " (" + settings.namePrefix() + ") failed an EC2 status check")
                    .namespace("AWS/EC2")
                    .metricName("StatusCheckFailed")
                    .dimensions(instanceId.applyValue(id -> Map.of("InstanceId", id)))
                    .statistic("Maximum")
                    .period(60)
                    .evaluationPeriods(2)
                    .threshold(1.0)
                    .comparisonOperator("GreaterThanOrEqualToThreshold")
                    .treatMissingData("missing")
                    .alarmActions(actions)
                    .okActions(actions)
                    .tags(Tags.of(settings, host + "-status-check"))
                    .build(), child);
            new MetricAlarm(host + "-enclave-unhealthy", MetricAlarmArgs.builder()
                    .alarmDescription("Nautilus host " + i + " (" + settings.namePrefix()
                            + ") reports an unhealthy enclave, or stopped reporting")
                    .namespace(ObservabilitySettings.METRIC_NAMESPACE)
                    .metricName(ObservabilitySettings.HEALTH_METRIC)
                    .dimensions(instanceId.applyValue(id -> Map.of("InstanceId", id)))
                    .statistic("Minimum")
                    .period(60)
                    .evaluationPeriods(3)
                    .threshold(1.0)
                    .comparisonOperator("LessThanThreshold")
                    .treatMissingData("breaching")
                    .alarmActions(actions)
                    .okActions(actions)
                    .tags(Tags.of(settings, host + "-enclave-unhealthy"))
                    .build(), child);
        }
        registerOutputs(Map.of());
    }
}
