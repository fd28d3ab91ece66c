package dev.provably.nautilus.attestation;

import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * Rules §1 C5/C6 and §3 X3: ECDSA verification on P-384 with BouncyCastle's lightweight API,
 * about four times faster than SunEC. A {@link PublicKey} keeps its point, and BouncyCastle
 * stores the point's precomputed multiples in it, so a key used again (a cached CA) verifies
 * about twice as fast as a fresh one.
 */
final class P384 {
    private static final X9ECParameters CURVE = CustomNamedCurves.getByOID(SECObjectIdentifiers.secp384r1);
    private static final ECDomainParameters DOMAIN = new ECNamedDomainParameters(SECObjectIdentifiers.secp384r1,
        CURVE);

    private P384() {
    }

    /** Raised for a key that is not a valid EC point on P-384 given by the named-curve OID. */
    static final class NotP384Exception extends Exception {
        private static final long serialVersionUID = 1L;

        NotP384Exception(String message) {
            super(message);
        }
    }

    /** An immutable, thread-safe P-384 verification key. */
    static final class PublicKey {
        private final ECPublicKeyParameters parameters;

        private PublicKey(ECPublicKeyParameters parameters) {
            this.parameters = parameters;
        }

        /** Verifies (r, s) over a SHA-384 digest; r and s must lie in [1, n-1]. */
        boolean verify(byte[] sha384, BigInteger r, BigInteger s) {
            ECDSASigner signer = new ECDSASigner();
            signer.init(false, parameters);
            return signer.verifySignature(sha384, r, s);
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

    /** Splits a 96-byte COSE r‖s signature into its two unsigned big-endian halves. */
    static BigInteger[] splitRawSignature(byte[] signature) {
        int half = signature.length / 2;
        return new BigInteger[] {
            new BigInteger(1, java.util.Arrays.copyOfRange(signature, 0, half)),
            new BigInteger(1, java.util.Arrays.copyOfRange(signature, half, signature.length))};
    }
}
