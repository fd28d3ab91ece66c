package dev.provably.nautilus.issuer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.nstant.in.cbor.CborDecoder;
import co.nstant.in.cbor.model.Array;
import co.nstant.in.cbor.model.ByteString;
import co.nstant.in.cbor.model.DataItem;
import co.nstant.in.cbor.model.Map;
import co.nstant.in.cbor.model.SimpleValue;
import co.nstant.in.cbor.model.UnicodeString;
import co.nstant.in.cbor.model.UnsignedInteger;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NitroDocumentTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05.678Z");

    private static DataItem decode(byte[] cbor) throws Exception {
        List<DataItem> items = new CborDecoder(new ByteArrayInputStream(cbor)).decode();
        assertEquals(1, items.size(), "exactly one CBOR item");
        return items.get(0);
    }

    private static byte[] bytes(DataItem item) {
        return assertInstanceOf(ByteString.class, item).getBytes();
    }

    private static NitroDocument.Claims claims() {
        SortedMap<Integer, byte[]> pcrs = new TreeMap<>();
        for (int i = 0; i < 16; i++) {
            pcrs.put(i, new byte[48]);
        }
        return new NitroDocument.Claims(
                "i-local0000000000-enc0000000000000000",
                NOW.toEpochMilli(),
                pcrs,
                new byte[] {1, 2, 3},
                null,
                new byte[] {9});
    }

    @Test
    @DisplayName("the ES384 protected header is {1: -35} encoded a1 01 38 22, and callers get a copy")
    void protectedHeader() {
        assertArrayEquals(new byte[] {(byte) 0xa1, 0x01, 0x38, 0x22}, NitroDocument.es384ProtectedHeader());
        NitroDocument.es384ProtectedHeader()[0] = 0;
        assertEquals((byte) 0xa1, NitroDocument.es384ProtectedHeader()[0]);
    }

    @Test
    @DisplayName("a document is untagged COSE_Sign1 [header, {}, payload, 96-byte r||s over the Sig_structure]")
    void documentLayout() throws Exception {
        DevCa ca = DevCa.inMemory(Clock.fixed(NOW, ZoneOffset.UTC));
        byte[] document = ca.issueDocument(claims());
        assertEquals((byte) 0x84, document[0], "untagged four-element array");
        List<DataItem> cose = assertInstanceOf(Array.class, decode(document)).getDataItems();
        assertArrayEquals(NitroDocument.es384ProtectedHeader(), bytes(cose.get(0)));
        assertEquals(0, assertInstanceOf(Map.class, cose.get(1)).getKeys().size());
        byte[] payload = bytes(cose.get(2));
        byte[] signature = bytes(cose.get(3));
        assertEquals(96, signature.length);

        Map map = assertInstanceOf(Map.class, decode(payload));
        List<String> keys = new ArrayList<>();
        map.getKeys()
                .forEach(key ->
                        keys.add(assertInstanceOf(UnicodeString.class, key).getString()));
        assertEquals(NitroDocument.PAYLOAD_KEYS, keys, "the AWS key order");
        assertEquals("SHA384", map.get(new UnicodeString("digest")).toString());
        assertEquals(
                NOW.toEpochMilli(),
                ((UnsignedInteger) map.get(new UnicodeString("timestamp")))
                        .getValue()
                        .longValue());
        assertEquals(SimpleValue.NULL, map.get(new UnicodeString("user_data")));
        assertArrayEquals(new byte[] {9}, bytes(map.get(new UnicodeString("nonce"))));
        assertEquals(
                4,
                ((Array) map.get(new UnicodeString("cabundle"))).getDataItems().size());

        X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(bytes(map.get(new UnicodeString("certificate")))));
        assertTrue(leaf.getSubjectX500Principal()
                .getName()
                .contains("i-local0000000000-enc0000000000000000.local-region.dev"));
        Signature verifier = Signature.getInstance("SHA384withECDSAinP1363Format");
        verifier.initVerify(leaf.getPublicKey());
        verifier.update(NitroDocument.sigStructure(bytes(cose.get(0)), payload));
        assertTrue(verifier.verify(signature), "ES384 over the RFC 8152 Sig_structure, checked by the JDK");
    }

    @Test
    @DisplayName("the Sig_structure is [\"Signature1\", bstr(header), bstr(''), bstr(payload)]")
    void sigStructureBytes() {
        byte[] expected = {
            (byte) 0x84,
            0x6a,
            'S',
            'i',
            'g',
            'n',
            'a',
            't',
            'u',
            'r',
            'e',
            '1',
            0x44,
            (byte) 0xa1,
            0x01,
            0x38,
            0x22,
            0x40,
            0x42,
            0x07,
            0x08
        };
        assertArrayEquals(
                expected, NitroDocument.sigStructure(NitroDocument.es384ProtectedHeader(), new byte[] {7, 8}));
    }

    @Test
    @DisplayName("a document is refused with a key that gives no 96-byte ES384 signature")
    void refusesOtherCurves() throws Exception {
        var p256 = CertificateProfile.aws(CertificateProfile.Level.LEAF)
                .withCurve("secp256r1")
                .newKeyPair(new SecureRandom());
        GeneralSecurityException e = assertThrows(
                GeneralSecurityException.class, () -> NitroDocument.sign1(new byte[] {(byte) 0xa0}, p256.getPrivate()));
        assertTrue(e.getMessage().contains("96 bytes"), e.getMessage());
    }
}
