package dev.provably.nautilus.enclave.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.nstant.in.cbor.model.Array;
import co.nstant.in.cbor.model.ByteString;
import co.nstant.in.cbor.model.UnicodeString;
import dev.provably.nautilus.enclave.attest.AttestationException;
import dev.provably.nautilus.enclave.cbor.CborDecoder;
import dev.provably.nautilus.enclave.cbor.CborEncoding;
import dev.provably.nautilus.enclave.cbor.CborValue;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalAttestationSourceTest {
    @TempDir
    Path state;

    private LocalAttestationSource source;
    private DevCa ca;
    private final Instant now = Instant.now();

    @BeforeEach
    void setUp() throws Exception {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        ca = DevCa.loadOrCreate(state, clock);
        source = new LocalAttestationSource(ca, LocalMeasurements.ofRunningArtifact(), clock);
    }

    private static byte[] bytes(CborValue value) {
        return assertInstanceOf(CborValue.Bytes.class, value).value();
    }

    private static X509Certificate certificate(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    @Test
    @DisplayName("documents are untagged COSE_Sign1 [a1 01 38 22, {}, payload, 96-byte ES384 signature]")
    void coseShape() throws Exception {
        byte[] document = source.attest(new byte[32], null, null);
        assertEquals((byte) 0x84, document[0], "untagged 4-element array");
        List<CborValue> cose = assertInstanceOf(CborValue.Array.class, CborDecoder.decode(document)).items();
        assertArrayEquals(new byte[] {(byte) 0xa1, 0x01, 0x38, 0x22}, bytes(cose.get(0)));
        assertEquals(0, assertInstanceOf(CborValue.MapValue.class, cose.get(1)).entries().size());
        byte[] payload = bytes(cose.get(2));
        assertTrue(payload.length < 16384);
        byte[] signature = bytes(cose.get(3));
        assertEquals(96, signature.length);

        CborValue.MapValue map = assertInstanceOf(CborValue.MapValue.class, CborDecoder.decode(payload));
        X509Certificate leaf = certificate(bytes(map.get("certificate").orElseThrow()));
        byte[] sigStructure = CborEncoding.encode(new Array().add(new UnicodeString("Signature1"))
                .add(new ByteString(bytes(cose.get(0)))).add(new ByteString(new byte[0])).add(new ByteString(payload)));
        Signature verifier = Signature.getInstance("SHA384withECDSAinP1363Format");
        verifier.initVerify(leaf.getPublicKey());
        verifier.update(sigStructure);
        assertTrue(verifier.verify(signature), "ES384 over the RFC 8152 Sig_structure");
    }

    @Test
    @DisplayName("the payload has the AWS keys in the AWS order and binds the requested fields")
    void payloadFields() throws Exception {
        byte[] key = new byte[32];
        key[0] = 7;
        byte[] userData = {1, 2, 3};
        byte[] nonce = {4, 5};
        List<CborValue> cose = ((CborValue.Array) CborDecoder.decode(source.attest(key, userData, nonce))).items();
        CborValue.MapValue map = (CborValue.MapValue) CborDecoder.decode(bytes(cose.get(2)));
        List<String> keys = new ArrayList<>();
        map.entries().keySet().forEach(k -> keys.add(((CborValue.Text) k).value()));
        assertEquals(List.of("module_id", "digest", "timestamp", "pcrs", "certificate", "cabundle",
                "public_key", "user_data", "nonce"), keys);
        assertEquals(new CborValue.Text(source.moduleId()), map.get("module_id").orElseThrow());
        assertEquals(new CborValue.Text("SHA384"), map.get("digest").orElseThrow());
        assertEquals(new CborValue.UInt(now.toEpochMilli()), map.get("timestamp").orElseThrow());
        CborValue.MapValue pcrs = (CborValue.MapValue) map.get("pcrs").orElseThrow();
        assertEquals(16, pcrs.entries().size());
        for (int i = 0; i < 16; i++) {
            assertArrayEquals(source.measurements().pcr(i), bytes(pcrs.entries().get(new CborValue.UInt(i))));
        }
        List<CborValue> bundle = ((CborValue.Array) map.get("cabundle").orElseThrow()).items();
        assertEquals(4, bundle.size());
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(ca.caBundle().get(i).getEncoded(), bytes(bundle.get(i)));
        }
        assertArrayEquals(key, bytes(map.get("public_key").orElseThrow()));
        assertArrayEquals(userData, bytes(map.get("user_data").orElseThrow()));
        assertArrayEquals(nonce, bytes(map.get("nonce").orElseThrow()));
        X509Certificate leaf = certificate(bytes(map.get("certificate").orElseThrow()));
        leaf.verify(ca.caBundle().get(3).getPublicKey());
        leaf.checkValidity(java.util.Date.from(now));
    }

    @Test
    @DisplayName("absent fields are CBOR null, as the NSM sends them; every document has a fresh leaf")
    void absentFieldsAreNull() throws Exception {
        byte[] first = source.attest(null, null, null);
        CborValue.MapValue map = (CborValue.MapValue) CborDecoder.decode(
                bytes(((CborValue.Array) CborDecoder.decode(first)).items().get(2)));
        assertEquals(CborValue.Null.INSTANCE, map.get("public_key").orElseThrow());
        assertEquals(CborValue.Null.INSTANCE, map.get("user_data").orElseThrow());
        assertEquals(CborValue.Null.INSTANCE, map.get("nonce").orElseThrow());
        CborValue.MapValue second = (CborValue.MapValue) CborDecoder.decode(
                bytes(((CborValue.Array) CborDecoder.decode(source.attest(null, null, null))).items().get(2)));
        assertNotEquals(map.get("certificate").orElseThrow(), second.get("certificate").orElseThrow());
    }

    @Test
    @DisplayName("fields over the NSM's 1024-byte limit are refused")
    void oversizedFields() {
        assertThrows(AttestationException.class, () -> source.attest(new byte[1025], null, null));
        assertThrows(AttestationException.class, () -> source.attest(null, null, new byte[1025]));
        assertEquals(12, source.random(12).length);
        assertEquals("local", source.mode());
    }
}
