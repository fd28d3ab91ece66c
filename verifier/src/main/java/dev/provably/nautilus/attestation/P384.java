package dev.provably.nautilus.attestation;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * docs/attestation-rules.md C5, C6, X3: P-384 keys and ECDSA verification. BouncyCastle decodes and
 * validates every key (named curve, point on the curve) and the range of r and s is checked here,
 * whichever {@link P384Backend} then decides the signature equation, so both backends see the same
 * inputs.
 */
final class P384 {
    private static final X9ECParameters CURVE = CustomNamedCurves.getByOID(SECObjectIdentifiers.secp384r1);
    private static final ECDomainParameters DOMAIN = new ECNamedDomainParameters(SECObjectIdentifiers.secp384r1, CURVE);

    private P384() {}

    /** Raised for a key that is not a valid EC point on P-384 given by the named-curve OID. */
    static final class NotP384Exception extends Exception {
        private static final long serialVersionUID = 1L;

        NotP384Exception(String message) {
            super(message);
        }
    }

    /**
     * A validated P-384 verification key, thread-safe. Each backend's form of it is made once and
     * kept, so a reused key (a cached CA) is not decoded again: BouncyCastle's point (with its
     * precomputed multiples) and, when ACCP verifies with it, ACCP's JCA key.
     */
    static final class PublicKey {
        private final ECPublicKeyParameters parameters;
        private volatile java.security.PublicKey accpKey;

        private PublicKey(ECPublicKeyParameters parameters) {
            this.parameters = parameters;
        }

        /** Verifies (r, s) over a SHA-384 digest with {@code backend}; false unless r and s lie in [1, n-1]. */
        boolean verify(P384Backend backend, byte[] sha384, BigInteger r, BigInteger s) {
            if (!inRange(r) || !inRange(s)) {
                return false;
            }
            return backend.verify(this, sha384, r, s);
        }

        ECPublicKeyParameters parameters() {
            return parameters;
        }

        /** ACCP's key, made on first use; a race makes it twice, harmlessly. */
        java.security.PublicKey jcaKey(AccpP384 accp) {
            java.security.PublicKey key = accpKey;
            if (key == null) {
                key = accp.toJcaKey(subjectPublicKeyInfo());
                accpKey = key;
            }
            return key;
        }

        /** The key as DER SubjectPublicKeyInfo: named curve secp384r1, uncompressed point. */
        private byte[] subjectPublicKeyInfo() {
            try {
                return new SubjectPublicKeyInfo(
                                new AlgorithmIdentifier(
                                        X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp384r1),
                                parameters.getQ().getEncoded(false))
                        .getEncoded(ASN1Encoding.DER);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot encode a validated P-384 key", e);
            }
        }

        private static boolean inRange(BigInteger value) {
            return value.signum() > 0 && value.compareTo(DOMAIN.getN()) < 0;
        }
    }

    /** Reads a DER SubjectPublicKeyInfo that must be id-ecPublicKey with the named curve secp384r1. */
    static PublicKey fromSubjectPublicKeyInfo(byte[] encoded) throws NotP384Exception {
        SubjectPublicKeyInfo info;
        try {
            info = SubjectPublicKeyInfo.getInstance(encoded);
        } catch (RuntimeException e) {
            throw new NotP384Exception("public key is not a valid SubjectPublicKeyInfo");
        }
        ASN1Encodable curve = info.getAlgorithm().getParameters();
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(info.getAlgorithm().getAlgorithm())
                || !SECObjectIdentifiers.secp384r1.equals(curve)) {
            throw new NotP384Exception("public key is not an EC key on the named curve P-384 (secp384r1)");
        }
        try {
            return new PublicKey(new ECPublicKeyParameters(
                    CURVE.getCurve().decodePoint(info.getPublicKeyData().getOctets()), DOMAIN));
        } catch (RuntimeException e) {
            throw new NotP384Exception("public key is not a valid point on P-384");
        }
    }

    /**
     * A fresh SHA-384 from the JDK: about twice BouncyCastle's pure-Java digest on x86-64 (the JDK's
     * is an intrinsic), and the payload is hashed once per document.
     */
    static MessageDigest sha384() {
        try {
            return MessageDigest.getInstance("SHA-384");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-384", e);
        }
    }

    /** Splits a 96-byte COSE r‖s signature into its two unsigned big-endian halves. */
    static BigInteger[] splitRawSignature(byte[] signature) {
        int half = signature.length / 2;
        return new BigInteger[] {
            new BigInteger(1, java.util.Arrays.copyOfRange(signature, 0, half)),
            new BigInteger(1, java.util.Arrays.copyOfRange(signature, half, signature.length))
        };
    }
}
