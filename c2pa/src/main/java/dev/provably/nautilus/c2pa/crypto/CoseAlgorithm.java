package dev.provably.nautilus.c2pa.crypto;

import java.util.Arrays;
import java.util.Optional;

/**
 * The claim-signature algorithms C2PA allows, with their COSE identifiers and JCA names. ECDSA
 * runs on BouncyCastle (its P-256/384/521 field arithmetic is about five times faster than Java
 * 17's SunEC here; COSE signatures are r||s, BouncyCastle's PLAIN-ECDSA); RSASSA-PSS and Ed25519
 * run on the JDK's providers (BigInteger intrinsics, no per-key modulus screening).
 */
public enum CoseAlgorithm {
    ES256(-7, "SHA256withPLAIN-ECDSA", "SHA-256"),
    ES384(-35, "SHA384withPLAIN-ECDSA", "SHA-384"),
    ES512(-36, "SHA512withPLAIN-ECDSA", "SHA-512"),
    PS256(-37, "RSASSA-PSS", "SHA-256"),
    PS384(-38, "RSASSA-PSS", "SHA-384"),
    PS512(-39, "RSASSA-PSS", "SHA-512"),
    ED25519(-8, "Ed25519", null);

    private final long cose;
    private final String jcaSignature;
    private final String digest;

    CoseAlgorithm(long cose, String jcaSignature, String digest) {
        this.cose = cose;
        this.jcaSignature = jcaSignature;
        this.digest = digest;
    }

    public String jcaSignature() {
        return jcaSignature;
    }

    /** A ready verifier: RSASSA-PSS gets MGF1 with the same hash and a salt as long as the hash (RFC 8230). */
    public java.security.Signature newVerifier(java.security.Provider bouncyCastle)
            throws java.security.GeneralSecurityException {
        java.security.Signature sig = isEcdsa()
                ? java.security.Signature.getInstance(jcaSignature, bouncyCastle)
                : java.security.Signature.getInstance(jcaSignature);
        if (isRsaPss()) {
            int saltLength =
                    switch (digest) {
                        case "SHA-256" -> 32;
                        case "SHA-384" -> 48;
                        default -> 64;
                    };
            sig.setParameter(new java.security.spec.PSSParameterSpec(
                    digest, "MGF1", new java.security.spec.MGF1ParameterSpec(digest), saltLength, 1));
        }
        return sig;
    }

    /** The ECDSA curve size in bits the algorithm requires, or 0 when it is not ECDSA. */
    public int ecFieldBits() {
        return switch (this) {
            case ES256 -> 256;
            case ES384 -> 384;
            case ES512 -> 521;
            default -> 0;
        };
    }

    public boolean isEcdsa() {
        return ecFieldBits() != 0;
    }

    public boolean isRsaPss() {
        return digest != null && !isEcdsa();
    }

    public static Optional<CoseAlgorithm> fromCose(long id) {
        return Arrays.stream(values()).filter(a -> a.cose == id).findFirst();
    }
}
