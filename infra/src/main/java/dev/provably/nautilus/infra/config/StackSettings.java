package dev.provably.nautilus.infra.config;

import java.util.Objects;

/**
 * The whole validated stack configuration, read from Pulumi config before any resource is declared.
 * Built only by {@link StackSettingsParser}, so every instance satisfies the documented rules.
 */
public record StackSettings(
        String project,
        String stack,
        NetworkSettings network,
        HostSettings host,
        EnclaveSettings enclave,
        KmsChoice kms,
        ObservabilitySettings observability,
        VerifierSettings verifier) {

    public StackSettings {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(enclave, "enclave");
        Objects.requireNonNull(kms, "kms");
        Objects.requireNonNull(observability, "observability");
        Objects.requireNonNull(verifier, "verifier");
    }

    /** Prefix for the logical names of resources, e.g. {@code nautilus-dev}. */
    public String namePrefix() {
        return project + "-" + stack;
    }

    /**
     * Where the host jar keeps the enclave's sealed identity records in SSM Parameter Store
     * ({@code <prefix>/identity/<PCR0>}): per stack, so they outlive any one host.
     */
    public String identityParameterPrefix() {
        return "/nautilus/" + namePrefix();
    }
}
