package dev.provably.nautilus.infra.components;

import com.pulumi.aws.iam.InstanceProfile;
import com.pulumi.aws.iam.InstanceProfileArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.provably.nautilus.infra.config.StackSettings;
import dev.provably.nautilus.infra.iam.HostPolicies;
import java.util.Map;

/** The hosts' IAM role (assumable by EC2 only) and its instance profile; permissions come separately. */
public final class HostIdentity extends ComponentResource {
    private final Output<String> roleName;
    private final Output<String> roleArn;
    private final Output<String> instanceProfileName;

    public HostIdentity(String name, StackSettings settings, ComponentResourceOptions options) {
        super("nautilus:infra:HostIdentity", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var role = new Role(
                name + "-host",
                RoleArgs.builder()
                        .description("Nautilus enclave host (" + settings.namePrefix() + ")")
                        .assumeRolePolicy(HostPolicies.assumeRoleByEc2())
                        .tags(Tags.of(settings, name + "-host"))
                        .build(),
                child);
        var profile = new InstanceProfile(
                name + "-host",
                InstanceProfileArgs.builder()
                        .role(role.name())
                        .tags(Tags.of(settings, name + "-host"))
                        .build(),
                child);
        this.roleName = role.name();
        this.roleArn = role.arn();
        this.instanceProfileName = profile.name();
        registerOutputs(Map.of("roleArn", roleArn, "instanceProfileName", instanceProfileName));
    }

    public Output<String> roleName() {
        return roleName;
    }

    public Output<String> roleArn() {
        return roleArn;
    }

    public Output<String> instanceProfileName() {
        return instanceProfileName;
    }
}
