package dev.provably.nautilus.enclave.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.nstant.in.cbor.model.Array;
import co.nstant.in.cbor.model.ByteString;
import co.nstant.in.cbor.model.DataItem;
import co.nstant.in.cbor.model.Map;
import co.nstant.in.cbor.model.SimpleValue;
import co.nstant.in.cbor.model.UnicodeString;
import co.nstant.in.cbor.model.UnsignedInteger;
import dev.provably.nautilus.cbor.BoundedCbor;
import dev.provably.nautilus.cbor.CborFormatException;
import dev.provably.nautilus.enclave.attest.AttestationException;
import dev.provably.nautilus.enclave.cbor.CborEncoding;
import dev.provably.nautilus.issuer.DevCa;
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

    private static final BoundedCbor.Limits LIMITS = new BoundedCbor.Limits(16, 4096);

    private static DataItem decode(byte[] cbor) throws CborFormatException {
        return BoundedCbor.decodeOne(cbor, LIMITS);
    }

    private static byte[] bytes(DataItem value) {
        return assertInstanceOf(ByteString.class, value).getBytes();
    }

    private static List<DataItem> items(DataItem value) {
        return assertInstanceOf(Array.class, value).getDataItems();
    }

    private static Map map(DataItem value) {
        return assertInstanceOf(Map.class, value);
    }

    private static DataItem field(Map map, String key) {
        DataItem value = map.get(new UnicodeString(key));
        assertNotNull(value, key);
        return value;
    }

    /** The payload map of an encoded document. */
    private static Map payload(byte[] document) throws CborFormatException {
        return map(decode(bytes(items(decode(document)).get(2))));
    }

    private static X509Certificate certificate(byte[] der) throws Exception {
        return (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    @Test
    @DisplayName("documents are untagged COSE_Sign1 [a1 01 38 22, {}, payload, 96-byte ES384 signature]")
    void coseShape() throws Exception {
        byte[] document = source.attest(new byte[32], null, null);
        assertEquals((byte) 0x84, document[0], "untagged 4-element array");
        List<DataItem> cose = items(decode(document));
        assertEquals(4, cose.size());
        assertArrayEquals(new byte[] {(byte) 0xa1, 0x01, 0x38, 0x22}, bytes(cose.get(0)));
        assertEquals(0, map(cose.get(1)).getKeys().size());
        byte[] payload = bytes(cose.get(2));
        assertTrue(payload.length < 16384);
        byte[] signature = bytes(cose.get(3));
        assertEquals(96, signature.length);

        Map map = map(decode(payload));
        X509Certificate leaf = certificate(bytes(field(map, "certificate")));
        byte[] sigStructure = CborEncoding.encode(new Array()
                .add(new UnicodeString("Signature1"))
                .add(new ByteString(bytes(cose.get(0))))
                .add(new ByteString(new byte[0]))
                .add(new ByteString(payload)));
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
        Map map = payload(source.attest(key, userData, nonce));
        List<String> keys = new ArrayList<>();
        map.getKeys()
                .forEach(k -> keys.add(assertInstanceOf(UnicodeString.class, k).getString()));
        assertEquals(
                List.of(
                        "module_id",
                        "digest",
                        "timestamp",
                        "pcrs",
                        "certificate",
                        "cabundle",
                        "public_key",
                        "user_data",
                        "nonce"),
                keys);
        assertEquals(new UnicodeString(source.moduleId()), field(map, "module_id"));
        assertEquals(new UnicodeString("SHA384"), field(map, "digest"));
        assertEquals(new UnsignedInteger(now.toEpochMilli()), field(map, "timestamp"));
        Map pcrs = map(field(map, "pcrs"));
        assertEquals(16, pcrs.getKeys().size());
        for (int i = 0; i < 16; i++) {
            assertArrayEquals(source.measurements().pcr(i), bytes(pcrs.get(new UnsignedInteger(i))));
        }
        List<DataItem> bundle = items(field(map, "cabundle"));
        assertEquals(4, bundle.size());
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(ca.caBundle().get(i).getEncoded(), bytes(bundle.get(i)));
        }
        assertArrayEquals(key, bytes(field(map, "public_key")));
        assertArrayEquals(userData, bytes(field(map, "user_data")));
        assertArrayEquals(nonce, bytes(field(map, "nonce")));
        X509Certificate leaf = certificate(bytes(field(map, "certificate")));
        leaf.verify(ca.caBundle().get(3).getPublicKey());
        leaf.checkValidity(java.util.Date.from(now));
    }

    @Test
    @DisplayName("absent fields are CBOR null, as the NSM sends them; every document has a fresh leaf")
    void absentFieldsAreNull() throws Exception {
        Map map = payload(source.attest(null, null, null));
        assertEquals(SimpleValue.NULL, field(map, "public_key"));
        assertEquals(SimpleValue.NULL, field(map, "user_data"));
        assertEquals(SimpleValue.NULL, field(map, "nonce"));
        Map second = payload(source.attest(null, null, null));
        assertNotEquals(field(map, "certificate"), field(second, "certificate"));
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
