package dev.provably.nautilus.attestation;

import static dev.provably.nautilus.attestation.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provably.nautilus.issuer.CertificateProfile;
import dev.provably.nautilus.issuer.CertificateProfile.Level;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** docs/attestation-rules.md X1–X9, T5: the chain to the anchor, its X.509 profile, validity, the prefix cache. */
class CertificateChainValidatorTest {
    private static SyntheticNitro.Authority authority;
    private static AttestationVerifier verifier;

    @BeforeAll
    static void issueChain() {
        authority = SyntheticNitro.authority(Fixtures.CA_NOT_BEFORE);
        verifier = Fixtures.verifierFor(authority).build();
    }

    private static SyntheticNitro.DocumentBuilder document() {
        return authority.document(Fixtures.AT);
    }

    /** A document from a fresh authority whose {@code level} certificate is changed. */
    private static void rejectedWithCa(
            Level level, UnaryOperator<CertificateProfile> change, Reason reason, String message) {
        SyntheticNitro.Authority changed = SyntheticNitro.authorityBuilder()
                .notBefore(Fixtures.CA_NOT_BEFORE)
                .profile(level, change)
                .build();
        AttestationVerifier trusting = Fixtures.verifierFor(changed).build();
        byte[] document = changed.document(Fixtures.AT).build();
        VerificationException e = assertRejected(reason, () -> trusting.verify(document));
        assertEquals(message, e.getMessage());
    }

    @Nested
    @DisplayName("the leaf certificate")
    class Leaf {
        @Test
        @AttestationRule("X6")
        @DisplayName("with the AWS profile, or without basicConstraints at all, is accepted")
        void accepted() throws VerificationException {
            verifier.verify(document().build());
            verifier.verify(document()
                    .leafProfile(p -> p.withBasicConstraints(false, false, false, null))
                    .build());
        }

        @Test
        @AttestationRule("X6")
        @DisplayName("with the CA flag is UNTRUSTED_CHAIN")
        void caFlag() {
            assertRejected(
                    Reason.UNTRUSTED_CHAIN,
                    () -> verifier.verify(document()
                            .leafProfile(p -> p.withBasicConstraints(true, true, true, null))
                            .build()));
            assertRejected(
                    Reason.UNTRUSTED_CHAIN,
                    () -> verifier.verify(document()
                            .leafProfile(p -> p.withBasicConstraints(true, true, true, 0))
                            .build()));
        }

        @Test
        @AttestationRule("X5")
        @DisplayName("without keyUsage, or without digitalSignature, is UNTRUSTED_CHAIN")
        void keyUsage() {
            assertRejected(
                    Reason.UNTRUSTED_CHAIN,
                    () -> verifier.verify(document()
                            .leafProfile(p -> p.withKeyUsage(false, false, 0))
                            .build()));
            assertRejected(
                    Reason.UNTRUSTED_CHAIN,
                    () -> verifier.verify(document()
                            .leafProfile(p -> p.withKeyUsage(true, false, KeyUsage.nonRepudiation))
                            .build()));
        }

        @Test
        @AttestationRule("X3")
        @DisplayName("naming another issuer is UNTRUSTED_CHAIN")
        void wrongIssuer() {
            VerificationException e = assertRejected(
                    Reason.UNTRUSTED_CHAIN,
                    () -> verifier.verify(document()
                            .leafIssuerName(new X500Name("C=US,O=Amazon,OU=AWS,CN=someone-else.aws.nitro-enclaves"))
                            .build()));
            assertEquals("leaf certificate issuer does not match the subject of cabundle[3]", e.getMessage());
        }

        @Test
        @AttestationRule("X3")
        @DisplayName("signed by another key under the right issuer name is UNTRUSTED_CHAIN")
        void wrongSigner() {
            assertRejected(
                    Reason.UNTRUSTED_CHAIN,
                    () -> verifier.verify(document()
                            .leafSignedBy(authority.keyPair(Level.ZONAL))
                            .build()));
        }

        @Test
        @AttestationRule("C6")
        @DisplayName("with a P-256 key is UNSUPPORTED_ALGORITHM")
        void p256Key() {
            assertRejected(
                    Reason.UNSUPPORTED_ALGORITHM,
                    () -> verifier.verify(document()
                            .leafProfile(p -> p.withCurve("secp256r1"))
                            .build()));
        }

        @Test
        @AttestationRule("C6")
        @DisplayName("signed with ecdsa-with-SHA256 or SHA512 is UNSUPPORTED_ALGORITHM")
        void signatureAlgorithm() {
            assertRejected(
                    Reason.UNSUPPORTED_ALGORITHM,
                    () -> verifier.verify(document()
                            .leafProfile(p -> p.withSignatureAlgorithm("SHA256withECDSA"))
                            .build()));
            assertRejected(
                    Reason.UNSUPPORTED_ALGORITHM,
                    () -> verifier.verify(document()
                            .leafProfile(p -> p.withSignatureAlgorithm("SHA512withECDSA"))
                            .build()));
        }

        @Test
        @AttestationRule("X9")
        @DisplayName("with an unknown critical extension is UNTRUSTED_CHAIN")
        void unknownCriticalExtension() throws Exception {
            SyntheticNitro.DocumentBuilder builder = document();
            X500Name issuer = X500Name.getInstance(authority
                    .certificate(Level.INSTANCE)
                    .getSubjectX500Principal()
                    .getEncoded());
            JcaX509v3CertificateBuilder leaf = new JcaX509v3CertificateBuilder(
                    issuer,
                    BigInteger.TEN,
                    Date.from(Fixtures.AT.minusSeconds(60)),
                    Date.from(Fixtures.AT.plusSeconds(3600)),
                    new X500Name("CN=leaf"),
                    builder.leafKeyPair().getPublic());
            leaf.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            leaf.addExtension(Extension.keyUsage, false, new KeyUsage(KeyUsage.digitalSignature));
            leaf.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.1"), true, new DEROctetString(new byte[1]));
            byte[] der = leaf.build(new JcaContentSignerBuilder("SHA384withECDSA")
                            .build(authority.keyPair(Level.INSTANCE).getPrivate()))
                    .getEncoded();
            VerificationException e = assertRejected(
                    Reason.UNTRUSTED_CHAIN,
                    () -> verifier.verify(builder.certificate(der).build()));
            assertEquals(
                    "leaf certificate has unsupported critical extension(s) [1.3.6.1.4.1.55555.1]", e.getMessage());
        }

        @Test
        @AttestationRule("X4")
        @DisplayName("expired or not yet valid while the CAs are valid is CERTIFICATE_NOT_VALID_AT_TIME")
        void validity() {
            Instant at = Fixtures.AT;
            assertRejected(
                    Reason.CERTIFICATE_NOT_VALID_AT_TIME,
                    () -> verifier.verify(document()
                            .leafValidity(at.minusSeconds(7200), at.minusSeconds(1))
                            .build()));
            assertRejected(
                    Reason.CERTIFICATE_NOT_VALID_AT_TIME,
                    () -> verifier.verify(document()
                            .leafValidity(at.plusSeconds(1), at.plusSeconds(7200))
                            .build()));
        }

        @Test
        @AttestationRule({"X4", "T5"})
        @DisplayName("valid exactly from the verification second, or until it, is accepted")
        void validityInclusive() throws VerificationException {
            Instant second = Instant.ofEpochSecond(Fixtures.AT.getEpochSecond());
            verifier.verify(
                    document().leafValidity(second, second.plusSeconds(60)).build());
            verifier.verify(
                    document().leafValidity(second.minusSeconds(60), second).build());
        }
    }

    @Nested
    @DisplayName("the CA certificates")
    class Authorities {
        @Test
        @AttestationRule("X6")
        @DisplayName("pathLen exceeded (zonal pathLen 0 above the instance CA) is UNTRUSTED_CHAIN")
        void pathLen() {
            rejectedWithCa(
                    Level.ZONAL,
                    p -> p.withBasicConstraints(true, true, true, 0),
                    Reason.UNTRUSTED_CHAIN,
                    "cabundle[2] pathLenConstraint 0 is exceeded by 1 CA certificate(s) below it");
            rejectedWithCa(
                    Level.REGIONAL,
                    p -> p.withBasicConstraints(true, true, true, 1),
                    Reason.UNTRUSTED_CHAIN,
                    "cabundle[1] pathLenConstraint 1 is exceeded by 2 CA certificate(s) below it");
        }

        @Test
        @AttestationRule("X6")
        @DisplayName("non-critical basicConstraints is UNTRUSTED_CHAIN")
        void nonCriticalBasicConstraints() {
            rejectedWithCa(
                    Level.REGIONAL,
                    p -> p.withBasicConstraints(true, false, true, 2),
                    Reason.UNTRUSTED_CHAIN,
                    "cabundle[1] basicConstraints must be critical");
            rejectedWithCa(
                    Level.ROOT,
                    p -> p.withBasicConstraints(true, false, true, null),
                    Reason.UNTRUSTED_CHAIN,
                    "trust anchor basicConstraints must be critical");
        }

        @Test
        @AttestationRule("X6")
        @DisplayName("missing basicConstraints or CA = false is UNTRUSTED_CHAIN")
        void basicConstraints() {
            rejectedWithCa(
                    Level.INSTANCE,
                    p -> p.withBasicConstraints(false, false, false, null),
                    Reason.UNTRUSTED_CHAIN,
                    "cabundle[3] has no basicConstraints extension");
            rejectedWithCa(
                    Level.ZONAL,
                    p -> p.withBasicConstraints(true, true, false, null),
                    Reason.UNTRUSTED_CHAIN,
                    "cabundle[2] basicConstraints does not say CA");
        }

        @Test
        @AttestationRule("X5")
        @DisplayName("missing keyUsage, or keyUsage without keyCertSign, is UNTRUSTED_CHAIN")
        void keyUsage() {
            rejectedWithCa(
                    Level.INSTANCE,
                    p -> p.withKeyUsage(false, false, 0),
                    Reason.UNTRUSTED_CHAIN,
                    "cabundle[3] has no keyUsage extension");
            rejectedWithCa(
                    Level.ZONAL,
                    p -> p.withKeyUsage(true, true, KeyUsage.digitalSignature),
                    Reason.UNTRUSTED_CHAIN,
                    "cabundle[2] keyUsage lacks keyCertSign");
        }

        @Test
        @AttestationRule("C6")
        @DisplayName("a CA with a P-256 key, or signed with SHA-256, is UNSUPPORTED_ALGORITHM")
        void algorithms() {
            rejectedWithCa(
                    Level.INSTANCE,
                    p -> p.withCurve("secp256r1"),
                    Reason.UNSUPPORTED_ALGORITHM,
                    "cabundle[3] public key is not an EC key on the named curve P-384 (secp384r1)");
            rejectedWithCa(
                    Level.ZONAL,
                    p -> p.withSignatureAlgorithm("SHA256withECDSA"),
                    Reason.UNSUPPORTED_ALGORITHM,
                    "cabundle[2] must be signed with ecdsa-with-SHA384, not SHA256withECDSA");
        }

        @Test
        @AttestationRule({"X1", "X3"})
        @DisplayName("a bundle missing its zonal certificate is UNTRUSTED_CHAIN")
        void missingMiddle() {
            List<byte[]> bundle = new ArrayList<>(authority.caBundle());
            bundle.remove(2);
            VerificationException e = assertRejected(
                    Reason.UNTRUSTED_CHAIN,
                    () -> verifier.verify(document().caBundle(bundle).build()));
            assertEquals("cabundle[2] issuer does not match the subject of cabundle[1]", e.getMessage());
        }

        @Test
        @AttestationRule("X1")
        @DisplayName("a bundle in leaf-first order is UNTRUSTED_CHAIN")
        void reversed() {
            List<byte[]> bundle = new ArrayList<>(authority.caBundle());
            java.util.Collections.reverse(bundle);
            assertRejected(
                    Reason.UNTRUSTED_CHAIN,
                    () -> verifier.verify(document().caBundle(bundle).build()));
        }

        @Test
        @AttestationRule("X3")
        @DisplayName("a corrupted signature byte in the last bundle entry is UNTRUSTED_CHAIN")
        void corruptedSignature() {
            List<byte[]> bundle = new ArrayList<>(authority.caBundle());
            byte[] instance = bundle.get(3);
            instance[instance.length - 2] ^= 0x01;
            assertRejected(
                    Reason.UNTRUSTED_CHAIN,
                    () -> verifier.verify(document().caBundle(bundle).build()));
        }

        @Test
        @AttestationRule("X4")
        @DisplayName("an expired intermediate is CERTIFICATE_NOT_VALID_AT_TIME")
        void expiredIntermediate() {
            SyntheticNitro.Authority shortLived = SyntheticNitro.authorityBuilder()
                    .notBefore(Fixtures.AT.minusSeconds(3600))
                    .validity(java.time.Duration.ofMinutes(30))
                    .build();
            byte[] document = shortLived
                    .document(Fixtures.AT)
                    .leafValidity(Fixtures.AT.minusSeconds(60), Fixtures.AT.plusSeconds(60))
                    .build();
            assertRejected(
                    Reason.CERTIFICATE_NOT_VALID_AT_TIME,
                    () -> Fixtures.verifierFor(shortLived).build().verify(document));
        }
    }

    @Nested
    @DisplayName("the trust anchor")
    class Anchor {
        @Test
        @AttestationRule("X2")
        @DisplayName("a look-alike root with AWS's subject and its own key is UNTRUSTED_CHAIN under the AWS anchor")
        void lookAlikeRoot() throws Exception {
            X500Name awsSubject = X500Name.getInstance(TrustAnchor.awsNitroRootG1()
                    .certificate()
                    .getSubjectX500Principal()
                    .getEncoded());
            SyntheticNitro.Authority fake = SyntheticNitro.authorityBuilder()
                    .notBefore(Fixtures.CA_NOT_BEFORE)
                    .rootSubject(awsSubject)
                    .build();
            AttestationVerifier aws = AttestationVerifier.builder()
                    .anyEnclaveImage()
                    .clock(Clock.fixed(Fixtures.AT, ZoneOffset.UTC))
                    .build();
            VerificationException e = assertRejected(
                    Reason.UNTRUSTED_CHAIN,
                    () -> aws.verify(fake.document(Fixtures.AT).build()));
            assertEquals(
                    "cabundle[0] is not the trust anchor certificate (SHA-256 " + TrustAnchor.AWS_NITRO_ROOT_G1_SHA256
                            + ")",
                    e.getMessage());

            // The genuine root as cabundle[0] does not help: the regional is not signed by it.
            List<byte[]> bundle = new ArrayList<>(fake.caBundle());
            bundle.set(
                    0, TrustAnchor.awsNitroRootG1().certificate().getEncoded().clone());
            VerificationException e2 = assertRejected(
                    Reason.UNTRUSTED_CHAIN,
                    () -> aws.verify(fake.document(Fixtures.AT).caBundle(bundle).build()));
            assertEquals("cabundle[1] signature does not verify with the key of trust anchor", e2.getMessage());
        }

        @Test
        @AttestationRule("X4")
        @DisplayName("the anchor itself must be valid at the verification time, like every other certificate")
        void anchorValidity() throws Exception {
            // The same root name and key re-issued with a short life: the bundle still chains to it.
            X500Name subject = X500Name.getInstance(
                    authority.rootCertificate().getSubjectX500Principal().getEncoded());
            for (boolean expired : new boolean[] {false, true}) {
                Instant notAfter = expired ? Fixtures.AT.minusSeconds(1) : Fixtures.AT.plusSeconds(1);
                JcaX509v3CertificateBuilder root = new JcaX509v3CertificateBuilder(
                        subject,
                        BigInteger.TWO,
                        Date.from(Fixtures.CA_NOT_BEFORE),
                        Date.from(notAfter),
                        subject,
                        authority.keyPair(Level.ROOT).getPublic());
                root.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                root.addExtension(
                        Extension.keyUsage,
                        true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign | KeyUsage.cRLSign));
                byte[] der = root.build(new JcaContentSignerBuilder("SHA384withECDSA")
                                .build(authority.keyPair(Level.ROOT).getPrivate()))
                        .getEncoded();
                List<byte[]> bundle = new ArrayList<>(authority.caBundle());
                bundle.set(0, der);
                AttestationVerifier trusting = Fixtures.verifierFor(authority)
                        .trustAnchor(TrustAnchor.of(
                                new JcaX509CertificateConverter().getCertificate(new X509CertificateHolder(der))))
                        .build();
                byte[] document = document().caBundle(bundle).build();
                if (expired) {
                    VerificationException e =
                            assertRejected(Reason.CERTIFICATE_NOT_VALID_AT_TIME, () -> trusting.verify(document));
                    assertTrue(e.getMessage().startsWith("trust anchor is not valid at"), e.getMessage());
                } else {
                    trusting.verify(document);
                }
            }
        }

        @Test
        @AttestationRule("X2")
        @DisplayName("a genuine-looking document from another authority is UNTRUSTED_CHAIN")
        void otherAuthority() {
            SyntheticNitro.Authority other = SyntheticNitro.authority(Fixtures.CA_NOT_BEFORE);
            assertRejected(
                    Reason.UNTRUSTED_CHAIN,
                    () -> verifier.verify(other.document(Fixtures.AT).build()));
        }

        @Test
        @AttestationRule("X2")
        @DisplayName("one corrupted byte in cabundle[0] is UNTRUSTED_CHAIN")
        void corruptedRoot() {
            List<byte[]> bundle = new ArrayList<>(authority.caBundle());
            bundle.get(0)[20] ^= 0x01;
            assertRejected(
                    Reason.UNTRUSTED_CHAIN,
                    () -> verifier.verify(document().caBundle(bundle).build()));
        }

        @Test
        @AttestationRule("X1")
        @DisplayName("a bundle of just the root works when the root issues the leaf directly")
        void rootOnly() throws VerificationException {
            List<byte[]> bundle = List.of(authority.caBundle().get(0));
            byte[] document = document()
                    .caBundle(bundle)
                    .leafIssuerName(X500Name.getInstance(authority
                            .rootCertificate()
                            .getSubjectX500Principal()
                            .getEncoded()))
                    .leafSignedBy(authority.keyPair(Level.ROOT))
                    .build();
            assertEquals(1, verifier.verify(document).caBundle().size());
        }
    }

    @Nested
    @DisplayName("the chain-prefix cache")
    class Cache {
        private ChainCertificate leafOf(SyntheticNitro.DocumentBuilder builder) throws VerificationException {
            return ChainCertificate.parse(builder.leafCertificate(), "leaf certificate");
        }

        @Test
        @AttestationRule("X7")
        @DisplayName("documents sharing a chain share one entry, and the bundle objects come from it")
        void oneEntryPerChain() throws VerificationException {
            ChainCache cache = new ChainCache(8);
            CertificateChainValidator validator = new CertificateChainValidator(
                    TrustAnchor.of(authority.rootCertificate()), cache, P384Backends.configured());
            long second = Fixtures.AT.getEpochSecond();
            var first = validator.validate(leafOf(document()), authority.caBundle(), second);
            for (int i = 0; i < 3; i++) {
                var again = validator.validate(leafOf(document()), authority.caBundle(), second);
                assertSame(first.get(3), again.get(3));
            }
            assertEquals(1, cache.size());
        }

        @Test
        @AttestationRule({"X4", "X7"})
        @DisplayName("time is checked on every call, never cached")
        void timeNotCached() throws VerificationException {
            ChainCache cache = new ChainCache(8);
            CertificateChainValidator validator = new CertificateChainValidator(
                    TrustAnchor.of(authority.rootCertificate()), cache, P384Backends.configured());
            ChainCertificate leaf = leafOf(document());
            validator.validate(leaf, authority.caBundle(), Fixtures.AT.getEpochSecond());
            assertEquals(1, cache.size());
            long afterCas =
                    Fixtures.CA_NOT_BEFORE.plus(java.time.Duration.ofDays(31)).getEpochSecond();
            assertRejected(
                    Reason.CERTIFICATE_NOT_VALID_AT_TIME,
                    () -> validator.validate(leaf, authority.caBundle(), afterCas));
            long beforeCas = Fixtures.CA_NOT_BEFORE.getEpochSecond() - 1;
            assertRejected(
                    Reason.CERTIFICATE_NOT_VALID_AT_TIME,
                    () -> validator.validate(leaf, authority.caBundle(), beforeCas));
        }

        @Test
        @AttestationRule("X7")
        @DisplayName("a rejected chain is not remembered and is rejected again")
        void failuresNotCached() throws VerificationException {
            ChainCache cache = new ChainCache(8);
            CertificateChainValidator validator = new CertificateChainValidator(
                    TrustAnchor.of(authority.rootCertificate()), cache, P384Backends.configured());
            List<byte[]> bundle = new ArrayList<>(authority.caBundle());
            bundle.get(2)[bundle.get(2).length - 2] ^= 1;
            ChainCertificate leaf = leafOf(document());
            for (int i = 0; i < 2; i++) {
                assertRejected(
                        Reason.UNTRUSTED_CHAIN, () -> validator.validate(leaf, bundle, Fixtures.AT.getEpochSecond()));
            }
            assertEquals(0, cache.size());
        }

        @Test
        @AttestationRule("X7")
        @DisplayName("a warm verifier and one without a cache agree on good and bad documents")
        void warmEqualsCold() throws VerificationException {
            AttestationVerifier cold =
                    Fixtures.verifierFor(authority).chainCacheSize(0).build();
            AttestationVerifier warm =
                    Fixtures.verifierFor(authority).chainCacheSize(4).build();
            for (int i = 0; i < 3; i++) {
                byte[] good = document().build();
                assertEquals(
                        cold.verify(good).timestampMillis(), warm.verify(good).timestampMillis());
                byte[] badLeaf = document()
                        .leafSignedBy(authority.keyPair(Level.REGIONAL))
                        .build();
                assertRejected(Reason.UNTRUSTED_CHAIN, () -> cold.verify(badLeaf));
                assertRejected(Reason.UNTRUSTED_CHAIN, () -> warm.verify(badLeaf));
            }
        }
    }
}
