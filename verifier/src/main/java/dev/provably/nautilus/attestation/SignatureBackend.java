package dev.provably.nautilus.attestation;

/**
 * The implementation that checks P-384 ECDSA signatures. Both give exactly the same verdicts (a
 * differential test holds them to it); they differ in speed only. For logs, never for policy.
 */
public enum SignatureBackend {
    /**
     * Amazon Corretto Crypto Provider: AWS-LC's P-384 code through JCA, native, no JIT warm-up.
     * Used when its jar (with the platform's native library) is on the class path and loads.
     */
    ACCP,
    /** BouncyCastle's lightweight ECDSA in pure Java: the fallback on every platform. */
    BOUNCY_CASTLE
}
