package dev.provably.nautilus.attestation;

/**
 * Which size limits apply to {@code public_key}, {@code user_data} and {@code nonce}
 * (docs/attestation-rules.md F9, F10). Every other rule is shared.
 */
public enum Profile {
    /** Exactly what Sui's strict on-chain verifier accepts: public_key 1..1024, user_data and nonce 0..512 bytes. */
    SUI,
    /** What the Nitro Secure Module really emits: public_key, user_data and nonce 0..1024 bytes each. */
    NSM
}
