package dev.provably.nautilus.c2pa.jumbf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provably.nautilus.c2pa.jumbf.JumbfException.Kind;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JumbfParserTest {
    static byte[] box(String type, byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length)
                .putInt(8 + payload.length)
                .put(type.getBytes(StandardCharsets.ISO_8859_1))
                .put(payload)
                .array();
    }

    static byte[] description(java.util.UUID type, String label) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer uuid =
                ByteBuffer.allocate(16).putLong(type.getMostSignificantBits()).putLong(type.getLeastSignificantBits());
        out.writeBytes(uuid.array());
        out.write(label == null ? 0x01 : 0x03);
        if (label != null) {
            out.writeBytes(label.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return box("jumd", out.toByteArray());
    }

    static byte[] superBox(java.util.UUID type, String label, byte[]... children) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(description(type, label));
        for (byte[] c : children) {
            out.writeBytes(c);
        }
        return box("jumb", out.toByteArray());
    }

    @Test
    @DisplayName("a store with a labelled manifest and a CBOR content box reads back as a tree")
    void readsTree() throws JumbfException {
        byte[] cbor = box("cbor", new byte[] {(byte) 0xA0});
        byte[] store = superBox(
                JumbfTypes.MANIFEST_STORE,
                "c2pa",
                superBox(JumbfTypes.MANIFEST, "urn:x", superBox(JumbfTypes.CLAIM, "c2pa.claim", cbor)));
        SuperBox s = JumbfParser.parseManifestStore(store, JumbfParser.DEFAULT_LIMITS);
        SuperBox claim = s.child("urn:x").orElseThrow().child("c2pa.claim").orElseThrow();
        assertEquals(JumbfTypes.CLAIM, claim.type());
        assertEquals("cbor", claim.firstContent().orElseThrow().type());
        assertEquals(1, claim.firstContent().orElseThrow().payloadLength());
    }

    @Test
    @DisplayName("a box length past the end of its parent is BAD_LENGTH")
    void lengthPastEnd() {
        byte[] store = superBox(JumbfTypes.MANIFEST_STORE, "c2pa", box("cbor", new byte[4]));
        ByteBuffer.wrap(store).putInt(store.length - 12, 1000);
        assertEquals(
                Kind.BAD_LENGTH,
                assertThrows(
                                JumbfException.class,
                                () -> JumbfParser.parseManifestStore(store, JumbfParser.DEFAULT_LIMITS))
                        .kind());
    }

    @Test
    @DisplayName("a 2^32-byte extended length is rejected without allocating")
    void hugeExtendedLength() {
        byte[] child = ByteBuffer.allocate(16)
                .putInt(1)
                .put("cbor".getBytes(StandardCharsets.ISO_8859_1))
                .putLong(1L << 32)
                .array();
        byte[] store = superBox(JumbfTypes.MANIFEST_STORE, "c2pa", child);
        assertEquals(
                Kind.BAD_LENGTH,
                assertThrows(
                                JumbfException.class,
                                () -> JumbfParser.parseManifestStore(store, JumbfParser.DEFAULT_LIMITS))
                        .kind());
    }

    @Test
    @DisplayName("a truncated store is TRUNCATED or BAD_LENGTH, never an unchecked exception")
    void truncatedEverywhere() {
        byte[] store = superBox(
                JumbfTypes.MANIFEST_STORE,
                "c2pa",
                superBox(JumbfTypes.MANIFEST, "urn:x", box("cbor", new byte[] {1, 2, 3})));
        for (int cut = 0; cut < store.length; cut++) {
            byte[] part = java.util.Arrays.copyOf(store, cut);
            assertThrows(JumbfException.class, () -> JumbfParser.parseManifestStore(part, JumbfParser.DEFAULT_LIMITS));
        }
    }

    @Test
    @DisplayName("superboxes nested 10,000 deep fail with TOO_DEEP")
    void deepNesting() {
        byte[] inner = box("cbor", new byte[0]);
        for (int i = 0; i < 10_000; i++) {
            inner = superBox(JumbfTypes.MANIFEST_STORE, null, inner);
        }
        byte[] store = inner;
        assertEquals(
                Kind.TOO_DEEP,
                assertThrows(
                                JumbfException.class,
                                () -> JumbfParser.parseManifestStore(store, JumbfParser.DEFAULT_LIMITS))
                        .kind());
    }

    @Test
    @DisplayName("more boxes than the limit fail with TOO_MANY_BOXES")
    void boxBomb() {
        byte[][] many = new byte[30_000][];
        java.util.Arrays.fill(many, box("cbor", new byte[0]));
        byte[] store = superBox(JumbfTypes.MANIFEST_STORE, "c2pa", many);
        assertEquals(
                Kind.TOO_MANY_BOXES,
                assertThrows(
                                JumbfException.class,
                                () -> JumbfParser.parseManifestStore(store, JumbfParser.DEFAULT_LIMITS))
                        .kind());
    }

    @Test
    @DisplayName("an unterminated label is BAD_DESCRIPTION")
    void unterminatedLabel() {
        byte[] store = superBox(JumbfTypes.MANIFEST_STORE, "c2pa");
        store[store.length - 1] = 'x';
        assertTrue(assertThrows(
                                JumbfException.class,
                                () -> JumbfParser.parseManifestStore(store, JumbfParser.DEFAULT_LIMITS))
                        .kind()
                == Kind.BAD_DESCRIPTION);
    }
}
