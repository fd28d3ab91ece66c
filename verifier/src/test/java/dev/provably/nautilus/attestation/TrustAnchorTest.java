package dev.provably.nautilus.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustAnchorTest {
    private static final String AWS_PEM = new String(Vectors.read("aws-nitro-root-g1.pem"), StandardCharsets.US_ASCII);

    @Test
    @AttestationRule("X2")
    @DisplayName("the bundled AWS root hashes to the pinned 641a0321…79bb5b and equals the published PEM")
    void awsRoot() {
        TrustAnchor aws = TrustAnchor.awsNitroRootG1();
        assertEquals("641a0321a3e244efe456463195d606317ed7cdcc3c1756e09893f3c68f79bb5b", aws.sha256Hex());
        assertEquals(
                "CN=aws.nitro-enclaves,OU=AWS,O=Amazon,C=US",
                aws.certificate().getSubjectX500Principal().getName());
        assertEquals(aws, TrustAnchor.fromPem(AWS_PEM));
        assertSame(aws, TrustAnchor.awsNitroRootG1());
    }

    @Test
    @AttestationRule("X2")
    @DisplayName("fromPemFile and of() read the same anchor")
    void otherFactories(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("root.pem");
        Files.writeString(file, AWS_PEM);
        TrustAnchor fromFile = TrustAnchor.fromPemFile(file);
        assertEquals(TrustAnchor.awsNitroRootG1(), fromFile);
        assertEquals(fromFile, TrustAnchor.of(fromFile.certificate()));
    }

    @Test
    @DisplayName("bad PEM input is an IllegalArgumentException")
    void badPem() {
        assertThrows(IllegalArgumentException.class, () -> TrustAnchor.fromPem(""));
        assertThrows(IllegalArgumentException.class, () -> TrustAnchor.fromPem("not a certificate"));
        assertThrows(IllegalArgumentException.class, () -> TrustAnchor.fromPem(AWS_PEM + AWS_PEM));
        assertThrows(
                IllegalArgumentException.class,
                () -> TrustAnchor.fromPem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
        assertThrows(
                IllegalArgumentException.class,
                () -> TrustAnchor.fromPem("-----BEGIN CERTIFICATE-----\nA=A=\n-----END CERTIFICATE-----\n"));
    }

    @Test
    @AttestationRule("C6")
    @DisplayName("an anchor without a P-384 key is an IllegalArgumentException")
    void notP384() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=p256 root");
        X509Certificate p256 = new JcaX509CertificateConverter()
                .getCertificate(new JcaX509v3CertificateBuilder(
                                name,
                                java.math.BigInteger.ONE,
                                new Date(0),
                                new Date(4_000_000_000_000L),
                                name,
                                keys.getPublic())
                        .build(new JcaContentSignerBuilder("SHA384withECDSA").build(keys.getPrivate())));
        assertThrows(IllegalArgumentException.class, () -> TrustAnchor.of(p256));
    }

    @Test
    @DisplayName("anchors are equal exactly when their DER is")
    void equality() {
        TrustAnchor synthetic =
                TrustAnchor.of(SyntheticNitro.authority(Fixtures.CA_NOT_BEFORE).rootCertificate());
        assertNotEquals(TrustAnchor.awsNitroRootG1(), synthetic);
        assertEquals(synthetic, TrustAnchor.of(synthetic.certificate()));
        assertEquals(
                synthetic.hashCode(), TrustAnchor.of(synthetic.certificate()).hashCode());
    }
}
