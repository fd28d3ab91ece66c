package dev.provably.nautilus.infra.components;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.provably.nautilus.infra.config.StackSettings;
import java.util.Map;

/** The log group the hosts' CloudWatch agent ships enclave, proxy, health and bootstrap logs to. */
public final class EnclaveLogs extends ComponentResource {
    private final Output<String> name;
    private final Output<String> arn;

    public EnclaveLogs(String name, StackSettings settings, ComponentResourceOptions options) {
        super("nautilus:infra:EnclaveLogs", name, options);
        var observability = settings.observability();
        var group = new LogGroup(
                name + "-logs",
                LogGroupArgs.builder()
                        .name(observability.logGroupName())
                        .retentionInDays(observability.logRetentionDays())
                        .tags(Tags.of(settings, observability.logGroupName()))
                        .build(),
                CustomResourceOptions.builder().parent(this).build());
        this.name = group.name();
        this.arn = group.arn();
        registerOutputs(Map.of("logGroupName", this.name, "logGroupArn", arn));
    }

    public Output<String> logGroupName() {
        return name;
    }

    public Output<String> logGroupArn() {
        return arn;
    }
}
