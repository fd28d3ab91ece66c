package dev.provably.nautilus.infra.config;

/** Which KMS key, if any, the enclave may decrypt with (always bound to its attestation). */
public sealed interface KmsChoice {

    record None() implements KmsChoice {}

    /** Create a key whose policy releases plaintext only to an attested enclave. */
    record CreateKey() implements KmsChoice {}

    /** Use an existing key; the instance role may decrypt with it only under attestation. */
    record ExistingKey(String arn) implements KmsChoice {}
}
