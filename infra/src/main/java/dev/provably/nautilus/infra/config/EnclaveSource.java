package dev.provably.nautilus.infra.config;

import java.util.Optional;

/** Where the host gets the enclave image file. */
public sealed interface EnclaveSource {

    /** A prebuilt EIF in the artifact bucket. */
    record S3Eif(String key) implements EnclaveSource {}

    /** A container image pinned by digest, turned into an EIF on the host by {@code nitro-cli build-enclave}. */
    record ContainerImage(String reference, Optional<EcrRepository> ecr) implements EnclaveSource {}

    /** A private ECR repository the host must log in to before pulling. */
    record EcrRepository(String accountId, String region, String repository) {
        public String registry() {
            return accountId + ".dkr.ecr." + region + ".amazonaws.com";
        }
    }
}
