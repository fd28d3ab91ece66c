package dev.provably.nautilus.enclave.local;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
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
 * Builds certificates with the extension profile of the AWS Nitro chain, as seen in every genuine
 * document (docs/attestation-rules.md, section 3): root, regional (pathLen 2), zonal (pathLen 1),
 * instance (pathLen 0), leaf. All ecdsa-with-SHA384 on P-384. The names say plainly that this is
 * a development CA, never AWS.
 */
enum CertificateProfile {
    ROOT(null, KeyUsage.digitalSignature | KeyUsage.keyCertSign | KeyUsage.cRLSign, true, Duration.ofDays(30 * 365)),
    REGIONAL(2, KeyUsage.digitalSignature | KeyUsage.keyCertSign | KeyUsage.cRLSign, true, Duration.ofDays(20)),
    ZONAL(1, KeyUsage.digitalSignature | KeyUsage.keyCertSign | KeyUsage.cRLSign, true, Duration.ofHours(138)),
    INSTANCE(0, KeyUsage.keyCertSign, true, Duration.ofDays(1)),
    LEAF(null, KeyUsage.digitalSignature | KeyUsage.nonRepudiation, false, Duration.ofHours(3));

    static final String SIGNATURE_ALGORITHM = "SHA384withECDSA";

    private final Integer pathLength;
    private final int keyUsage;
    private final boolean keyUsageCritical;
    private final Duration lifetime;

    CertificateProfile(Integer pathLength, int keyUsage, boolean keyUsageCritical, Duration lifetime) {
        this.pathLength = pathLength;
        this.keyUsage = keyUsage;
        this.keyUsageCritical = keyUsageCritical;
        this.lifetime = lifetime;
    }

    Duration lifetime() {
        return lifetime;
    }

    boolean isCa() {
        return this != LEAF;
    }

    /** A subject name in the attribute order AWS uses at each level. */
    X500Name subject(String label) {
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE);
        switch (this) {
            case ROOT:
            case REGIONAL:
                name.addRDN(BCStyle.C, "US").addRDN(BCStyle.O, "Nautilus")
                        .addRDN(BCStyle.OU, "Local development CA - not AWS").addRDN(BCStyle.CN, label);
                break;
            case ZONAL:
                name.addRDN(BCStyle.CN, label).addRDN(BCStyle.OU, "Local development CA - not AWS")
                        .addRDN(BCStyle.O, "Nautilus").addRDN(BCStyle.C, "US");
                break;
            default:
                name.addRDN(BCStyle.C, "US").addRDN(BCStyle.O, "Nautilus")
                        .addRDN(BCStyle.OU, "Local development CA - not AWS").addRDN(BCStyle.CN, label);
                break;
        }
        return name.build();
    }

    /**
     * Issues a certificate of this profile for {@code subjectKey}; {@code issuer} is null for the
     * self-signed root.
     */
    X509Certificate issue(X500Name subject, PublicKey subjectKey, Instant notBefore, X509Certificate issuer,
            PrivateKey issuerKey, SecureRandom random, Provider provider) throws GeneralSecurityException {
        X500Name issuerName = issuer == null ? subject : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
        Instant start = notBefore.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                new BigInteger(127, random).setBit(120), Date.from(start), Date.from(start.plus(lifetime)),
                subject, subjectKey);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true,
                    !isCa() ? new BasicConstraints(false)
                            : pathLength == null ? new BasicConstraints(true) : new BasicConstraints(pathLength));
            if (isCa()) {
                builder.addExtension(Extension.subjectKeyIdentifier, false,
                        extensions.createSubjectKeyIdentifier(subjectKey));
                if (issuer != null) {
                    builder.addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(issuer.getPublicKey()));
                }
            }
            builder.addExtension(Extension.keyUsage, keyUsageCritical, new KeyUsage(keyUsage));
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).setProvider(provider).build(issuerKey)));
        } catch (CertIOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot build a " + name() + " certificate", e);
        }
    }

    static KeyPair newKeyPair(SecureRandom random, Provider provider) throws GeneralSecurityException {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC", provider);
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"), random);
        return generator.generateKeyPair();
    }
}
