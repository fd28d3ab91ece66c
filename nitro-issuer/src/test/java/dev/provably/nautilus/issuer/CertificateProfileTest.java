package dev.provably.nautilus.issuer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provably.nautilus.issuer.CertificateProfile.Level;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CertificateProfileTest {
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String SUBJECT_KEY_IDENTIFIER = "2.5.29.14";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private static X509Certificate selfSigned(CertificateProfile profile) throws Exception {
        KeyPair keys = profile.newKeyPair(RANDOM);
        X500Name name = new X500Name("CN=test");
        return profile.issue(
                name, keys.getPublic(), name, null, keys.getPrivate(), START, START.plusSeconds(60), RANDOM);
    }

    @Test
    @DisplayName("the with... methods change exactly the extension or algorithm they name")
    void mutations() throws Exception {
        CertificateProfile zonal = CertificateProfile.aws(Level.ZONAL);
        X509Certificate noConstraints = selfSigned(zonal.withBasicConstraints(false, false, false, null));
        assertNull(noConstraints.getExtensionValue(BASIC_CONSTRAINTS));
        assertTrue(noConstraints.getCriticalExtensionOIDs().contains(KEY_USAGE));

        X509Certificate softUsage = selfSigned(zonal.withKeyUsage(true, false, KeyUsage.digitalSignature));
        assertFalse(softUsage.getCriticalExtensionOIDs().contains(KEY_USAGE));
        assertEquals(1, softUsage.getBasicConstraints());

        X509Certificate sha256 = selfSigned(zonal.withSignatureAlgorithm("SHA256withECDSA"));
        assertEquals("1.2.840.10045.4.3.2", sha256.getSigAlgOID());

        X509Certificate p256 = selfSigned(zonal.withCurve("secp256r1"));
        assertEquals(
                256,
                ((ECPublicKey) p256.getPublicKey())
                        .getParams()
                        .getCurve()
                        .getField()
                        .getFieldSize());
    }

    @Test
    @DisplayName("CA profiles carry a subject key identifier, the leaf none; validity is whole seconds")
    void keyIdentifiersAndValidity() throws Exception {
        assertTrue(selfSigned(CertificateProfile.aws(Level.ROOT))
                .getNonCriticalExtensionOIDs()
                .contains(SUBJECT_KEY_IDENTIFIER));
        CertificateProfile leafProfile = CertificateProfile.aws(Level.LEAF);
        KeyPair keys = leafProfile.newKeyPair(RANDOM);
        X500Name name = new X500Name("CN=leaf");
        X509Certificate leaf = leafProfile.issue(
                name,
                keys.getPublic(),
                name,
                null,
                keys.getPrivate(),
                START.plusMillis(999),
                START.plusSeconds(10).plusMillis(500),
                RANDOM);
        assertNull(leaf.getExtensionValue(SUBJECT_KEY_IDENTIFIER));
        assertEquals(START, leaf.getNotBefore().toInstant());
        assertEquals(START.plusSeconds(10), leaf.getNotAfter().toInstant());
        assertEquals(-1, leaf.getBasicConstraints());
    }
}
