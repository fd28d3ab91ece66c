package dev.provably.nautilus.attestation;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.BasicConstraints;

/**
 * docs/attestation-rules.md C6, X3–X6, X9: one certificate, parsed once, with the facts the chain
 * rules read.
 *
 * <p>Parsed with the JDK (it measured as cheap as BouncyCastle's {@code X509CertificateHolder},
 * about 10 µs, and the API returns JDK certificates anyway, so one parse serves both); the JDK
 * keeps the exact received TBS bytes, which are what gets hashed. BouncyCastle reads the two
 * things the JDK API blurs: the exact basicConstraints contents and the key's curve OID.
 * Immutable once built.
 */
final class ChainCertificate {
    static final String ECDSA_WITH_SHA384 = "1.2.840.10045.4.3.3";
    static final String BASIC_CONSTRAINTS = "2.5.29.19";
    static final String KEY_USAGE = "2.5.29.15";
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_CERT_SIGN = 5;

    private final String role;
    private final X509Certificate certificate;
    private final byte[] subject;
    private final byte[] issuer;
    private final long notBeforeSeconds;
    private final long notAfterSeconds;
    private final P384.PublicKey publicKey;
    private final byte[] tbsDigest;
    private final BigInteger signatureR;
    private final BigInteger signatureS;
    private final boolean[] keyUsage;
    private final boolean basicConstraintsPresent;
    private final boolean basicConstraintsCritical;
    private final boolean ca;
    private final BigInteger pathLen;
    private final Set<String> unknownCriticalExtensions;

    private ChainCertificate(
            String role,
            X509Certificate certificate,
            byte[] tbsDigest,
            P384.PublicKey publicKey,
            BigInteger r,
            BigInteger s,
            BasicConstraints constraints) {
        this.role = role;
        this.certificate = certificate;
        this.subject = certificate.getSubjectX500Principal().getEncoded();
        this.issuer = certificate.getIssuerX500Principal().getEncoded();
        this.notBeforeSeconds = Math.floorDiv(certificate.getNotBefore().getTime(), 1000L);
        this.notAfterSeconds = Math.floorDiv(certificate.getNotAfter().getTime(), 1000L);
        this.publicKey = publicKey;
        this.tbsDigest = tbsDigest;
        this.signatureR = r;
        this.signatureS = s;
        this.keyUsage = certificate.getKeyUsage();
        Set<String> critical = certificate.getCriticalExtensionOIDs();
        this.basicConstraintsPresent = constraints != null;
        this.basicConstraintsCritical = critical != null && critical.contains(BASIC_CONSTRAINTS);
        this.ca = constraints != null && constraints.isCA();
        this.pathLen = constraints == null ? null : constraints.getPathLenConstraint();
        Set<String> unknown = new HashSet<>(critical == null ? Set.of() : critical);
        unknown.remove(BASIC_CONSTRAINTS);
        unknown.remove(KEY_USAGE);
        this.unknownCriticalExtensions = Set.copyOf(unknown);
    }

    /**
     * Parses exactly one DER certificate whose key is P-384 and whose signature algorithm is
     * ecdsa-with-SHA384. {@code role} names it in messages, e.g. "cabundle[2]".
     */
    static ChainCertificate parse(byte[] der, String role) throws VerificationException {
        X509Certificate certificate;
        byte[] tbsDigest;
        try {
            certificate = (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            // The JDK also reads PEM and ignores trailing bytes: insist on exactly this DER.
            if (!Arrays.equals(certificate.getEncoded(), der)) {
                throw new CertificateException("not exactly one DER certificate");
            }
            // The TBS bytes as received (the JDK keeps them from parsing), never a re-encoding.
            tbsDigest = sha384(certificate.getTBSCertificate());
        } catch (CertificateException | RuntimeException e) {
            throw new VerificationException(Reason.FIELD_INVALID, role + " is not a DER X.509 certificate", e);
        }
        if (!ECDSA_WITH_SHA384.equals(certificate.getSigAlgOID()) || certificate.getSigAlgParams() != null) {
            throw new VerificationException(
                    Reason.UNSUPPORTED_ALGORITHM,
                    role + " must be signed with ecdsa-with-SHA384, not " + certificate.getSigAlgName());
        }
        P384.PublicKey key;
        try {
            key = P384.fromSubjectPublicKeyInfo(certificate.getPublicKey().getEncoded());
        } catch (P384.NotP384Exception e) {
            throw new VerificationException(Reason.UNSUPPORTED_ALGORITHM, role + " " + e.getMessage());
        }
        BigInteger[] rs = ecdsaSignatureValue(certificate.getSignature(), role);
        BasicConstraints constraints;
        try {
            byte[] extension = certificate.getExtensionValue(BASIC_CONSTRAINTS);
            constraints = extension == null
                    ? null
                    : BasicConstraints.getInstance(
                            ASN1OctetString.getInstance(extension).getOctets());
        } catch (RuntimeException e) {
            throw new VerificationException(Reason.UNTRUSTED_CHAIN, role + " has a malformed basicConstraints", e);
        }
        return new ChainCertificate(role, certificate, tbsDigest, key, rs[0], rs[1], constraints);
    }

    /** A DER ECDSA-Sig-Value: SEQUENCE { r INTEGER, s INTEGER }, nothing else. */
    private static BigInteger[] ecdsaSignatureValue(byte[] der, String role) throws VerificationException {
        try {
            ASN1Sequence sequence = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
            if (sequence.size() == 2 && Arrays.equals(sequence.getEncoded(ASN1Encoding.DER), der)) {
                return new BigInteger[] {
                    ASN1Integer.getInstance(sequence.getObjectAt(0)).getValue(),
                    ASN1Integer.getInstance(sequence.getObjectAt(1)).getValue()
                };
            }
        } catch (java.io.IOException | RuntimeException e) {
            throw new VerificationException(Reason.UNTRUSTED_CHAIN, role + " has a malformed ECDSA signature", e);
        }
        throw new VerificationException(Reason.UNTRUSTED_CHAIN, role + " has a malformed ECDSA signature");
    }

    private static byte[] sha384(byte[] data) {
        return P384.sha384().digest(data);
    }

    String role() {
        return role;
    }

    X509Certificate certificate() {
        return certificate;
    }

    P384.PublicKey publicKey() {
        return publicKey;
    }

    /** docs/attestation-rules.md X3: this certificate names {@code parent} as issuer and carries its signature. */
    void requireIssuedBy(String parentRole, byte[] parentSubject, P384.PublicKey parentKey, P384Backend backend)
            throws VerificationException {
        if (!Arrays.equals(issuer, parentSubject)) {
            throw new VerificationException(
                    Reason.UNTRUSTED_CHAIN, role + " issuer does not match the subject of " + parentRole);
        }
        if (!parentKey.verify(backend, tbsDigest, signatureR, signatureS)) {
            throw new VerificationException(
                    Reason.UNTRUSTED_CHAIN, role + " signature does not verify with the key of " + parentRole);
        }
    }

    byte[] subject() {
        return subject.clone();
    }

    /** docs/attestation-rules.md X5, X6, X9 for a CA with {@code casBelow} CA certificates under it in the chain. */
    void requireCa(int casBelow) throws VerificationException {
        requireNoUnknownCriticalExtension();
        if (keyUsage == null) {
            throw untrusted(role + " has no keyUsage extension");
        }
        if (!bit(KEY_CERT_SIGN)) {
            throw untrusted(role + " keyUsage lacks keyCertSign");
        }
        if (!basicConstraintsPresent) {
            throw untrusted(role + " has no basicConstraints extension");
        }
        if (!basicConstraintsCritical) {
            throw untrusted(role + " basicConstraints must be critical");
        }
        if (!ca) {
            throw untrusted(role + " basicConstraints does not say CA");
        }
        if (pathLen != null && pathLen.compareTo(BigInteger.valueOf(casBelow)) < 0) {
            throw untrusted(role + " pathLenConstraint " + pathLen + " is exceeded by " + casBelow
                    + " CA certificate(s) below it");
        }
    }

    /** docs/attestation-rules.md X5, X6, X9 for the leaf: digitalSignature; basicConstraints, if any, not CA. */
    void requireLeaf() throws VerificationException {
        requireNoUnknownCriticalExtension();
        if (keyUsage == null) {
            throw untrusted(role + " has no keyUsage extension");
        }
        if (!bit(DIGITAL_SIGNATURE)) {
            throw untrusted(role + " keyUsage lacks digitalSignature");
        }
        if (basicConstraintsPresent && (ca || pathLen != null)) {
            throw untrusted(role + " must not be a CA certificate");
        }
    }

    /** docs/attestation-rules.md X4, T5: notBefore <= t <= notAfter in whole seconds. */
    void requireValidAt(long epochSecond) throws VerificationException {
        if (epochSecond < notBeforeSeconds || epochSecond > notAfterSeconds) {
            throw new VerificationException(
                    Reason.CERTIFICATE_NOT_VALID_AT_TIME,
                    role + " is not valid at " + Instant.ofEpochSecond(epochSecond) + " (valid "
                            + Instant.ofEpochSecond(notBeforeSeconds) + " to " + Instant.ofEpochSecond(notAfterSeconds)
                            + ")");
        }
    }

    private void requireNoUnknownCriticalExtension() throws VerificationException {
        if (!unknownCriticalExtensions.isEmpty()) {
            throw untrusted(role + " has unsupported critical extension(s) " + unknownCriticalExtensions);
        }
    }

    private boolean bit(int index) {
        return keyUsage.length > index && keyUsage[index];
    }

    private static VerificationException untrusted(String message) {
        return new VerificationException(Reason.UNTRUSTED_CHAIN, message);
    }
}
