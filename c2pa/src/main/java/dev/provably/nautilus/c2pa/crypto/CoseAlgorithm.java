package dev.provably.nautilus.c2pa.crypto;

import java.util.Arrays;
import java.util.Optional;

/** The claim-signature algorithms C2PA allows, with their COSE identifiers and JCA names. */
public enum CoseAlgorithm {
    ES256(-7, "SHA256withPLAIN-ECDSA", "SHA-256"),
    ES384(-35, "SHA384withPLAIN-ECDSA", "SHA-384"),
    ES512(-36, "SHA512withPLAIN-ECDSA", "SHA-512"),
    PS256(-37, "SHA256withRSAandMGF1", "SHA-256"),
    PS384(-38, "SHA384withRSAandMGF1", "SHA-384"),
    PS512(-39, "SHA512withRSAandMGF1", "SHA-512"),
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
