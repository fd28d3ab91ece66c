package dev.provably.nautilus.c2pa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.nstant.in.cbor.CborBuilder;
import co.nstant.in.cbor.CborEncoder;
import co.nstant.in.cbor.builder.ArrayBuilder;
import co.nstant.in.cbor.model.Array;
import co.nstant.in.cbor.model.ByteString;
import co.nstant.in.cbor.model.DataItem;
import co.nstant.in.cbor.model.Map;
import co.nstant.in.cbor.model.UnsignedInteger;
import dev.provably.nautilus.c2pa.container.ContainerReader;
import dev.provably.nautilus.c2pa.container.EmbeddedStore;
import dev.provably.nautilus.c2pa.crypto.TrustAnchors;
import dev.provably.nautilus.c2pa.jumbf.JumbfParser;
import dev.provably.nautilus.c2pa.jumbf.JumbfTypes;
import dev.provably.nautilus.c2pa.jumbf.SuperBox;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Bad input gives a named failure in bounded time and memory (the suite runs with -Xmx128m). */
class HostileInputTest {
    private static final C2paValidator VALIDATOR = new C2paValidator(TrustAnchors.none());
    private static final Duration BOUND = Duration.ofSeconds(5);

    private static C2paResult validate(byte[] file, String type) {
        return assertTimeoutPreemptively(BOUND, () -> VALIDATOR.validate(file, type));
    }

    private static boolean fails(C2paResult r, String code) {
        return r.failureCodes().contains(code);
    }

    @Test
    @DisplayName("a hashed URI to a missing assertion is assertion.missing, and the manifest is invalid")
    void missingAssertion() throws Exception {
        byte[] file = TestFiles.media("gen-ai-es256.png");
        // Rename the actions assertion's JUMBF label (same length): the claim's URI no longer resolves.
        int at = indexOf(file, "c2pa.actions.v2\0".getBytes(StandardCharsets.US_ASCII));
        file[at + 5] = 'X';
        C2paResult r = validate(file, "image/png");
        assertEquals(ValidationState.INVALID, r.state());
        assertTrue(fails(r, "assertion.missing"), r.failures()::toString);
    }

    @Test
    @DisplayName("a claim that is not CBOR is claim.malformed")
    void claimNotCbor() throws Exception {
        byte[] file = TestFiles.media("gen-ai-es256.png");
        EmbeddedStore embedded = ContainerReader.forMediaType("image/png", 1 << 24)
                .orElseThrow()
                .findStore(file)
                .orElseThrow();
        SuperBox store = JumbfParser.parseManifestStore(embedded.jumbf(), JumbfParser.DEFAULT_LIMITS);
        SuperBox manifest = store.superBoxes().get(store.superBoxes().size() - 1);
        int claimPayload = manifest.childOfType(JumbfTypes.CLAIM)
                .orElseThrow()
                .firstContent()
                .orElseThrow()
                .payloadOffset();
        int fileOffset = (int) embedded.ranges().get(0).start() + 8 + claimPayload;
        file[fileOffset] = (byte) 0xFF; // a stray break: not well-formed CBOR
        C2paResult r = validate(file, "image/png");
        assertEquals(ValidationState.INVALID, r.state());
        assertTrue(fails(r, "claim.malformed"), r.failures()::toString);
    }

    @Test
    @DisplayName("changing one pixel byte of a signed PNG is assertion.dataHash.mismatch")
    void tamperedPixels() {
        byte[] file = TestFiles.media("gen-ai-es256.png");
        int idat = indexOf(file, "IDAT".getBytes(StandardCharsets.US_ASCII));
        file[idat + 10] ^= 1;
        C2paResult r = validate(file, "image/png");
        assertEquals(ValidationState.INVALID, r.state());
        assertTrue(fails(r, "assertion.dataHash.mismatch"), r.failures()::toString);
    }

    @Test
    @DisplayName("a claim with 10,000 assertions is rejected as claim.malformed, quickly")
    void tenThousandAssertions() throws Exception {
        CborBuilder b = new CborBuilder();
        ArrayBuilder<?> refs = b.addMap()
                .put("claim_generator", "x")
                .put("signature", "self#jumbf=c2pa.signature")
                .putArray("assertions");
        for (int i = 0; i < 10_000; i++) {
            refs.addMap()
                    .put("url", "self#jumbf=c2pa.assertions/a" + i)
                    .put("hash", new byte[32])
                    .end();
        }
        byte[] claim = encode(b.build().get(0));
        C2paResult r = validate(SyntheticJpeg.withStore(store(claim, cose(1))), "image/jpeg");
        assertEquals(ValidationState.INVALID, r.state());
        assertTrue(fails(r, "claim.malformed"), r.failures()::toString);
    }

    @Test
    @DisplayName("a claim naming one 4 MB assertion 2,000 times hashes it once, within the time bound")
    void repeatedLargeAssertion() throws Exception {
        CborBuilder b = new CborBuilder();
        ArrayBuilder<?> refs = b.addMap()
                .put("claim_generator", "x")
                .put("signature", "self#jumbf=c2pa.signature")
                .putArray("assertions");
        for (int i = 0; i < 2_000; i++) {
            refs.addMap()
                    .put("url", "self#jumbf=c2pa.assertions/big")
                    .put("hash", new byte[32])
                    .end();
        }
        byte[] claim = encode(b.build().get(0));
        byte[] big = superBox(JumbfTypes.CBOR, "big", box("cbor", new byte[4 << 20]));
        byte[] store = superBox(
                JumbfTypes.MANIFEST_STORE,
                "c2pa",
                superBox(
                        JumbfTypes.MANIFEST,
                        "urn:c2pa:test",
                        superBox(JumbfTypes.ASSERTION_STORE, "c2pa.assertions", big),
                        superBox(JumbfTypes.CLAIM, "c2pa.claim", box("cbor", claim)),
                        superBox(JumbfTypes.SIGNATURE, "c2pa.signature", box("cbor", cose(1)))));
        C2paResult r = validate(SyntheticJpeg.withStore(store), "image/jpeg");
        assertEquals(ValidationState.INVALID, r.state());
        assertTrue(fails(r, "assertion.hashedURI.mismatch"), r.failures()::toString);
    }

    @Test
    @DisplayName("a certificate chain of 100 certificates is signingCredential.invalid without parsing them")
    void longChain() throws Exception {
        byte[] claim = encode(new CborBuilder()
                .addMap()
                .put("claim_generator", "x")
                .put("signature", "self#jumbf=c2pa.signature")
                .putArray("assertions")
                .end()
                .end()
                .build()
                .get(0));
        C2paResult r = validate(SyntheticJpeg.withStore(store(claim, cose(100))), "image/jpeg");
        assertEquals(ValidationState.INVALID, r.state());
        assertTrue(fails(r, "signingCredential.invalid"), r.failures()::toString);
        assertTrue(fails(r, "claim.hardBindings.missing"), r.failures()::toString);
    }

    @Test
    @DisplayName(
            "every truncation of a signed JPEG ends in NONE (not a JPEG any more) or INVALID, never VALID or a crash")
    void truncatedFiles() {
        byte[] file = TestFiles.media("gen-ai-es256.jpg");
        for (int cut = 0; cut < file.length; cut += 211) {
            C2paResult r = VALIDATOR.validate(Arrays.copyOf(file, cut), "image/jpeg");
            assertTrue(r.state() == ValidationState.NONE || r.state() == ValidationState.INVALID, () -> r.toString());
        }
    }

    @Test
    @DisplayName("a store whose box length points past its end is INVALID with general.error naming BAD_LENGTH")
    void boxPastEnd() {
        byte[] signature = cose(1);
        byte[] store = store(new byte[] {(byte) 0xA0}, signature);
        ByteBuffer.wrap(store).putInt(store.length - 8 - signature.length, 1 << 30); // the last content box
        C2paResult r = validate(SyntheticJpeg.withStore(store), "image/jpeg");
        assertEquals(ValidationState.INVALID, r.state());
        assertTrue(r.present());
        assertTrue(r.error().orElseThrow().startsWith("BAD_LENGTH"), r.error()::toString);
    }

    @Test
    @DisplayName("an unsupported media type is NONE with a reason")
    void unsupportedType() {
        C2paResult r = VALIDATOR.validate(new byte[10], "image/gif");
        assertEquals(ValidationState.NONE, r.state());
        assertTrue(r.error().isPresent());
    }

    /** A COSE_Sign1 with {@code certs} junk certificates in x5chain and a PS256 algorithm. */
    private static byte[] cose(int certs) {
        Map prot = new Map();
        prot.put(new UnsignedInteger(1), new co.nstant.in.cbor.model.NegativeInteger(-37));
        Array chain = new Array();
        for (int i = 0; i < certs; i++) {
            chain.add(new ByteString(new byte[64]));
        }
        prot.put(new UnsignedInteger(33), chain);
        Array sign1 = new Array();
        sign1.add(new ByteString(encode(prot)));
        sign1.add(new Map());
        sign1.add(co.nstant.in.cbor.model.SimpleValue.NULL);
        sign1.add(new ByteString(new byte[256]));
        return encode(sign1);
    }

    private static byte[] store(byte[] claim, byte[] signature) {
        return superBox(
                JumbfTypes.MANIFEST_STORE,
                "c2pa",
                superBox(
                        JumbfTypes.MANIFEST,
                        "urn:c2pa:test",
                        superBox(JumbfTypes.ASSERTION_STORE, "c2pa.assertions"),
                        superBox(JumbfTypes.CLAIM, "c2pa.claim", box("cbor", claim)),
                        superBox(JumbfTypes.SIGNATURE, "c2pa.signature", box("cbor", signature))));
    }

    private static byte[] encode(DataItem item) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new CborEncoder(out).encode(item);
        } catch (co.nstant.in.cbor.CborException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    static byte[] box(String type, byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length)
                .putInt(8 + payload.length)
                .put(type.getBytes(StandardCharsets.ISO_8859_1))
                .put(payload)
                .array();
    }

    static byte[] superBox(UUID type, String label, byte[]... children) {
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        d.writeBytes(ByteBuffer.allocate(16)
                .putLong(type.getMostSignificantBits())
                .putLong(type.getLeastSignificantBits())
                .array());
        d.write(0x03);
        d.writeBytes(label.getBytes(StandardCharsets.UTF_8));
        d.write(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(box("jumd", d.toByteArray()));
        for (byte[] c : children) {
            out.writeBytes(c);
        }
        return box("jumb", out.toByteArray());
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
