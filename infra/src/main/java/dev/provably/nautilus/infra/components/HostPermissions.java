package dev.provably.nautilus.infra.components;

import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.provably.nautilus.infra.config.EnclaveSource;
import dev.provably.nautilus.infra.config.StackSettings;
import dev.provably.nautilus.infra.iam.AwsAccount;
import dev.provably.nautilus.infra.iam.HostPolicies;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;

/** The host role's inline policies, one per job, each scoped to what that job touches. */
public final class HostPermissions extends ComponentResource {

    public HostPermissions(
            String name,
            StackSettings settings,
            Output<String> roleName,
            Output<AwsAccount> account,
            Output<String> logGroupArn,
            Optional<Output<String>> kmsKeyArn,
            Optional<Output<String>> elasticIpAllocationId,
            ComponentResourceOptions options) {
        super("nautilus:infra:HostPermissions", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var enclave = settings.enclave();

        policy(name + "-logs", roleName, logGroupArn.applyValue(HostPolicies::logs), child);

        var objectKeys = new ArrayList<String>();
        objectKeys.add(enclave.hostJarKey());
        if (enclave.source() instanceof EnclaveSource.S3Eif eif) {
            objectKeys.add(eif.key());
        }
        policy(
                name + "-artifacts",
                roleName,
                account.applyValue(a -> HostPolicies.artifacts(a.partition(), enclave.artifactBucket(), objectKeys)),
                child);

        if (enclave.source() instanceof EnclaveSource.ContainerImage image
                && image.ecr().isPresent()) {
            var repository = image.ecr().get();
            policy(
                    name + "-ecr",
                    roleName,
                    account.applyValue(a -> HostPolicies.ecrPull(a.partition(), repository)),
                    child);
        }
        kmsKeyArn.ifPresent(arn -> policy(
                name + "-kms",
                roleName,
                arn.applyValue(a -> HostPolicies.kmsDecrypt(a, enclave.expectedPcrs())),
                child));
        if (kmsKeyArn.isPresent()) {
            policy(
                    name + "-identity-records",
                    roleName,
                    account.applyValue(a -> HostPolicies.identityParameters(
                            a.partition(),
                            settings.network().region(),
                            a.accountId(),
                            settings.identityParameterPrefix())),
                    child);
        }
        if (settings.network().enableSsm()) {
            policy(name + "-ssm", roleName, Output.of(HostPolicies.sessionManager()), child);
        }
        if (settings.observability().enableAlarms()) {
            policy(name + "-health-metric", roleName, Output.of(HostPolicies.healthMetric()), child);
        }
        elasticIpAllocationId.ifPresent(allocation -> policy(
                name + "-elastic-ip",
                roleName,
                Output.tuple(account, allocation)
                        .applyValue(t -> HostPolicies.attachOwnAddress(
                                t.t1.partition(),
                                settings.network().region(),
                                t.t1.accountId(),
                                t.t2,
                                settings.stack())),
                child));
        registerOutputs(Map.of());
    }

    private static void policy(
            String name, Output<String> roleName, Output<String> document, CustomResourceOptions options) {
        new RolePolicy(
                name, RolePolicyArgs.builder().role(roleName).policy(document).build(), options);
    }
}
