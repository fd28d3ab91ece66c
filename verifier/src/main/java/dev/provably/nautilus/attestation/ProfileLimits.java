package dev.provably.nautilus.attestation;

/**
 * docs/attestation-rules.md F6–F10 ("Profiles"): the byte-size bounds of the optional fields, the
 * only thing the two profiles disagree on. Every bound is inclusive.
 */
record ProfileLimits(Profile profile, int minPublicKey, int maxPublicKey, int maxUserData, int maxNonce) {
    static final int MAX_CERTIFICATE_BYTES = 1024;
    static final int MAX_CABUNDLE_ENTRIES = 10;
    static final int MAX_PCRS = ExpectedPcrs.MAX_INDEX + 1;

    static ProfileLimits of(Profile profile) {
        return switch (profile) {
            // Sui's strict verifier: public_key 1..1024, user_data and nonce at most 512.
            case SUI -> new ProfileLimits(profile, 1, 1024, 512, 512);
            // What the NSM emits: each of the three 0..1024.
            case NSM -> new ProfileLimits(profile, 0, 1024, 1024, 1024);
        };
    }
}
