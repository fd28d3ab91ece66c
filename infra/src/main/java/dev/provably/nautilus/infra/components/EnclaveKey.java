package dev.provably.nautilus.infra.components;

import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.provably.nautilus.infra.config.StackSettings;
import dev.provably.nautilus.infra.iam.AwsAccount;
import dev.provably.nautilus.infra.iam.HostPolicies;
import java.util.Map;

/**
 * A symmetric KMS key that releases plaintext only to an enclave whose attestation carries the pinned
 * PCRs (see {@link HostPolicies#enclaveKeyPolicy}).
 */
public final class EnclaveKey extends ComponentResource {
    private final Output<String> keyArn;

    public EnclaveKey(
            String name,
            StackSettings settings,
            Output<AwsAccount> account,
            Output<String> hostRoleArn,
            ComponentResourceOptions options) {
        super("nautilus:infra:EnclaveKey", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var pcrs = settings.enclave().expectedPcrs();
        var key = new Key(
                name + "-enclave",
                KeyArgs.builder()
                        .description("Nautilus enclave secrets (" + settings.namePrefix()
                                + "); decrypt needs an attested enclave")
                        .keyUsage("ENCRYPT_DECRYPT")
                        .enableKeyRotation(true)
                        .deletionWindowInDays(30)
                        .policy(Output.tuple(account, hostRoleArn)
                                .applyValue(t -> HostPolicies.enclaveKeyPolicy(t.t1, t.t2, pcrs)))
                        .tags(Tags.of(settings, name + "-enclave"))
                        .build(),
                child);
        new Alias(
                name + "-enclave",
                AliasArgs.builder()
                        .name("alias/" + settings.namePrefix() + "-enclave")
                        .targetKeyId(key.keyId())
                        .build(),
                child);
        this.keyArn = key.arn();
        registerOutputs(Map.of("keyArn", keyArn));
    }

    public Output<String> keyArn() {
        return keyArn;
    }
}
