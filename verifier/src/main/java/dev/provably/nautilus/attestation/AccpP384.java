package dev.provably.nautilus.attestation;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;

/**
 * AWS-LC's P-384 through ACCP's JCA provider ({@code NONEwithECDSA} over the SHA-384 digest the
 * verifier computed). ACCP is an optional dependency: it is found by name, so the library compiles
 * and runs without it, and it is used only when its native library loaded and is healthy.
 */
final class AccpP384 implements P384Backend {
    private static final String PROVIDER_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

    private final Provider provider;

    private AccpP384(Provider provider) {
        this.provider = provider;
    }

    /**
     * ACCP when its class is on the class path, its native library loaded on this platform and its
     * self-tests pass; empty otherwise (a user without ACCP silently gets BouncyCastle).
     */
    static Optional<AccpP384> load() {
        try {
            Class<?> type = Class.forName(PROVIDER_CLASS);
            Provider provider = (Provider) type.getField("INSTANCE").get(null);
            if (type.getMethod("getLoadingError").invoke(provider) != null) {
                return Optional.empty();
            }
            type.getMethod("assertHealthy").invoke(provider);
            return Optional.of(new AccpP384(provider));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // Absent, or present without a native library for this platform, or unhealthy.
            return Optional.empty();
        }
    }

    @Override
    public SignatureBackend id() {
        return SignatureBackend.ACCP;
    }

    @Override
    public boolean verify(P384.PublicKey key, byte[] sha384, BigInteger r, BigInteger s) {
        try {
            Signature verifier = Signature.getInstance("NONEwithECDSA", provider);
            verifier.initVerify(key.jcaKey(this));
            verifier.update(sha384);
            return verifier.verify(new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)})
                    .getEncoded(ASN1Encoding.DER));
        } catch (GeneralSecurityException | IOException e) {
            // Inputs were validated before this call: a failure here is the backend's, not a verdict.
            throw new IllegalStateException("ACCP could not run an ECDSA P-384 verification", e);
        }
    }

    /**
     * AWS-LC's SHA-384: native from the first call, where the JDK's runs interpreted until the JIT
     * compiles it (in a CLI run over a directory that was 11% of the samples).
     */
    @Override
    public MessageDigest sha384() {
        try {
            return MessageDigest.getInstance("SHA-384", provider);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ACCP has no SHA-384", e);
        }
    }

    /** The JCA key for {@code subjectPublicKeyInfo} (uncompressed point, named curve). */
    PublicKey toJcaKey(byte[] subjectPublicKeyInfo) {
        try {
            return KeyFactory.getInstance("EC", provider).generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ACCP refused a P-384 key that BouncyCastle validated", e);
        }
    }

    @Override
    public String toString() {
        return id().name();
    }
}
