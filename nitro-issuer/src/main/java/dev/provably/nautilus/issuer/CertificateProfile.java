package dev.provably.nautilus.issuer;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The extensions and algorithms of one certificate in a Nitro chain. {@link #aws} gives the profile
 * every genuine document carries at each level (docs/attestation-rules.md, section 3); the
 * {@code with...} methods derive deliberately different profiles for tests.
 *
 * @param basicConstraints whether the basicConstraints extension is present
 * @param basicConstraintsCritical whether it is marked critical
 * @param ca its cA flag
 * @param pathLength its pathLenConstraint (used only when {@code ca}); null for none
 * @param keyUsage whether the keyUsage extension is present
 * @param keyUsageCritical whether it is marked critical
 * @param keyUsageBits its bits, as BouncyCastle's {@link KeyUsage} constants
 * @param keyIdentifiers whether a CA certificate carries subject (and, below the root, authority)
 *     key identifiers
 * @param signatureAlgorithm the JCA name of the algorithm the issuer signs with, e.g. SHA384withECDSA
 * @param curve the curve of the certificate's own key, e.g. secp384r1
 */
public record CertificateProfile(
        boolean basicConstraints,
        boolean basicConstraintsCritical,
        boolean ca,
        Integer pathLength,
        boolean keyUsage,
        boolean keyUsageCritical,
        int keyUsageBits,
        boolean keyIdentifiers,
        String signatureAlgorithm,
        String curve) {

    /** Where a certificate sits in the chain, with the lifetime AWS gives it. */
    public enum Level {
        ROOT(Duration.ofDays(30 * 365)),
        REGIONAL(Duration.ofDays(20)),
        ZONAL(Duration.ofHours(138)),
        INSTANCE(Duration.ofDays(1)),
        LEAF(Duration.ofHours(3));

        private final Duration lifetime;

        Level(Duration lifetime) {
            this.lifetime = lifetime;
        }

        /** The validity period of a certificate at this level (the root's is the development CA's choice). */
        public Duration lifetime() {
            return lifetime;
        }
    }

    /** ecdsa-with-SHA384, what AWS signs every certificate of the chain with. */
    public static final String SIGNATURE_ALGORITHM = "SHA384withECDSA";
    /** P-384, the curve of every key in the chain. */
    public static final String CURVE = "secp384r1";

    private static final int CA_KEY_USAGE = KeyUsage.digitalSignature | KeyUsage.keyCertSign | KeyUsage.cRLSign;

    /** The profile of a genuine AWS certificate at {@code level}. */
    public static CertificateProfile aws(Level level) {
        return switch (level) {
            case ROOT -> ca(null, CA_KEY_USAGE);
            case REGIONAL -> ca(2, CA_KEY_USAGE);
            case ZONAL -> ca(1, CA_KEY_USAGE);
            case INSTANCE -> ca(0, KeyUsage.keyCertSign);
            case LEAF ->
                new CertificateProfile(
                        true,
                        true,
                        false,
                        null,
                        true,
                        false,
                        KeyUsage.digitalSignature | KeyUsage.nonRepudiation,
                        false,
                        SIGNATURE_ALGORITHM,
                        CURVE);
        };
    }

    private static CertificateProfile ca(Integer pathLength, int keyUsageBits) {
        return new CertificateProfile(
                true, true, true, pathLength, true, true, keyUsageBits, true, SIGNATURE_ALGORITHM, CURVE);
    }

    /** This profile with another basicConstraints extension ({@code present} false leaves it out). */
    public CertificateProfile withBasicConstraints(boolean present, boolean critical, boolean isCa, Integer pathLen) {
        return new CertificateProfile(
                present,
                critical,
                isCa,
                pathLen,
                keyUsage,
                keyUsageCritical,
                keyUsageBits,
                keyIdentifiers,
                signatureAlgorithm,
                curve);
    }

    /** This profile with another keyUsage extension ({@code present} false leaves it out). */
    public CertificateProfile withKeyUsage(boolean present, boolean critical, int bits) {
        return new CertificateProfile(
                basicConstraints,
                basicConstraintsCritical,
                ca,
                pathLength,
                present,
                critical,
                bits,
                keyIdentifiers,
                signatureAlgorithm,
                curve);
    }

    /** This profile signed with another algorithm (JCA name, e.g. SHA256withECDSA). */
    public CertificateProfile withSignatureAlgorithm(String algorithm) {
        return new CertificateProfile(
                basicConstraints,
                basicConstraintsCritical,
                ca,
                pathLength,
                keyUsage,
                keyUsageCritical,
                keyUsageBits,
                keyIdentifiers,
                algorithm,
                curve);
    }

    /** This profile with a key on another curve (JCA name, e.g. secp256r1). */
    public CertificateProfile withCurve(String curveName) {
        return new CertificateProfile(
                basicConstraints,
                basicConstraintsCritical,
                ca,
                pathLength,
                keyUsage,
                keyUsageCritical,
                keyUsageBits,
                keyIdentifiers,
                signatureAlgorithm,
                curveName);
    }

    /** A new key pair on this profile's curve, for the certificate's subject. */
    public KeyPair newKeyPair(SecureRandom random) throws GeneralSecurityException {
        return Crypto.newKeyPair(curve, random);
    }

    /**
     * Issues a certificate of this profile.
     *
     * @param subject the subject name
     * @param subjectKey the certificate's public key
     * @param issuer the issuer name (equal to {@code subject} for a self-signed root)
     * @param issuerPublicKey the issuer's public key, for the authority key identifier; null for a
     *     self-signed root
     * @param issuerKey the key that signs the certificate
     * @param notBefore start of validity (truncated to whole seconds, as X.509 stores it)
     * @param notAfter end of validity (truncated likewise)
     * @param random source of the serial number
     * @return the certificate
     * @throws GeneralSecurityException when the algorithm or a key is unusable
     */
    public X509Certificate issue(
            X500Name subject,
            PublicKey subjectKey,
            X500Name issuer,
            PublicKey issuerPublicKey,
            PrivateKey issuerKey,
            Instant notBefore,
            Instant notAfter,
            SecureRandom random)
            throws GeneralSecurityException {
        // A positive 16-byte serial with its top byte non-zero, like the serials AWS writes.
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                issuer,
                new BigInteger(127, random).setBit(120),
                Date.from(seconds(notBefore)),
                Date.from(seconds(notAfter)),
                subject,
                subjectKey);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            if (basicConstraints) {
                builder.addExtension(
                        Extension.basicConstraints,
                        basicConstraintsCritical,
                        !ca
                                ? new BasicConstraints(false)
                                : pathLength == null ? new BasicConstraints(true) : new BasicConstraints(pathLength));
            }
            if (keyIdentifiers && ca) {
                builder.addExtension(
                        Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(subjectKey));
                if (issuerPublicKey != null) {
                    builder.addExtension(
                            Extension.authorityKeyIdentifier,
                            false,
                            extensions.createAuthorityKeyIdentifier(issuerPublicKey));
                }
            }
            if (keyUsage) {
                builder.addExtension(Extension.keyUsage, keyUsageCritical, new KeyUsage(keyUsageBits));
            }
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(signatureAlgorithm)
                            .setProvider(Crypto.PROVIDER)
                            .build(issuerKey)));
        } catch (CertIOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot build a certificate with " + this, e);
        }
    }

    private static Instant seconds(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }
}
