package dev.provably.nautilus.attestation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import COSE.MessageTag;
import COSE.OneKey;
import COSE.Sign1Message;
import com.upokecenter.cbor.CBORObject;
import java.io.ByteArrayInputStream;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The synthetic issuer must itself produce documents an independent toolchain accepts. */
class SyntheticNitroTest {
    private static final Instant NOT_BEFORE = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant AT = Instant.parse("2025-01-02T12:00:00.250Z");

    @Test
    @DisplayName(
            "a default document has the AWS wire prefix, an ES384 signature cose-java accepts and a PKIX-valid chain")
    void defaultDocumentIsValidForIndependentTools() throws Exception {
        SyntheticNitro.Authority authority = SyntheticNitro.authority(NOT_BEFORE);
        SyntheticNitro.DocumentBuilder builder = authority.document(AT);
        byte[] document = builder.build();

        assertArrayEquals(CborBytes.hex("8444a1013822a0"), java.util.Arrays.copyOf(document, 7));

        Sign1Message message = (Sign1Message) Sign1Message.DecodeFromBytes(document, MessageTag.Sign1);
        X509Certificate leaf = parse(builder.leafCertificate());
        assertTrue(message.validate(new OneKey(leaf.getPublicKey(), null)));

        CBORObject payload = CBORObject.DecodeFromBytes(message.GetContent());
        assertEquals(AT.toEpochMilli(), payload.get("timestamp").AsInt64Value());
        assertEquals(16, payload.get("pcrs").size());
        assertEquals(4, payload.get("cabundle").size());
        assertTrue(payload.get("nonce").isNull());

        List<X509Certificate> path = new ArrayList<>();
        path.add(leaf);
        List<byte[]> bundle = authority.caBundle();
        for (int i = bundle.size() - 1; i >= 1; i--) {
            path.add(parse(bundle.get(i)));
        }
        PKIXParameters parameters =
                new PKIXParameters(Set.of(new java.security.cert.TrustAnchor(authority.rootCertificate(), null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(AT));
        CertPathValidator.getInstance("PKIX")
                .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
    }

    @Test
    @DisplayName("one authority issues many documents sharing the chain, each with its own leaf key")
    void documentsShareTheChainButNotTheLeaf() {
        SyntheticNitro.Authority authority = SyntheticNitro.authority(NOT_BEFORE);
        SyntheticNitro.DocumentBuilder first = authority.document(AT);
        SyntheticNitro.DocumentBuilder second = authority.document(AT);
        assertNotEquals(first.leafKeyPair().getPublic(), second.leafKeyPair().getPublic());
        byte[] a = first.build();
        byte[] b = second.build();
        assertNotEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
        assertArrayEquals(first.leafCertificate(), first.leafCertificate());
    }

    @Test
    @DisplayName("issueMany gives distinct documents that all verify under the authority's root")
    void issueMany() throws Exception {
        SyntheticNitro.Authority authority = SyntheticNitro.authority(NOT_BEFORE);
        List<byte[]> documents = authority.issueMany(3, AT.toEpochMilli());
        AttestationVerifier verifier = Fixtures.verifierFor(authority).build();
        Set<String> leaves = new java.util.HashSet<>();
        for (int i = 0; i < documents.size(); i++) {
            VerifiedAttestation verified = verifier.verify(documents.get(i));
            assertEquals(
                    i, java.nio.ByteBuffer.wrap(verified.nonce().orElseThrow()).getLong());
            leaves.add(verified.certificate().getPublicKey().toString());
        }
        assertEquals(3, leaves.size());
    }

    private static X509Certificate parse(byte[] der) throws Exception {
        return (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }
}
