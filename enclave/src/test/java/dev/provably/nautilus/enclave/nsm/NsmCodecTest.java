package dev.provably.nautilus.enclave.nsm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Byte vectors derived by hand from aws-nitro-enclaves-nsm-api {@code src/api/mod.rs}: serde's
 * externally tagged enums, struct fields in declaration order, {@code Option::None} as null.
 */
class NsmCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(String s) {
        return HEX.parseHex(s.replace(" ", ""));
    }

    private static String ascii(String s) {
        return HEX.formatHex(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    @DisplayName("GetRandom is the bare text string \"GetRandom\"")
    void getRandomIsAUnitVariant() {
        assertEquals("69" + ascii("GetRandom"), HEX.formatHex(NsmCodec.encode(new NsmRequest.GetRandom())));
    }

    @Test
    @DisplayName("DescribePCR is {\"DescribePCR\": {\"index\": u16}}")
    void describePcrIsAStructVariant() {
        String prefix = "a1 6b" + ascii("DescribePCR") + "a1 65" + ascii("index");
        assertEquals(prefix.replace(" ", "") + "00", HEX.formatHex(NsmCodec.encode(new NsmRequest.DescribePcr(0))));
        assertEquals(
                prefix.replace(" ", "") + "19012c", HEX.formatHex(NsmCodec.encode(new NsmRequest.DescribePcr(300))));
        assertThrows(IllegalArgumentException.class, () -> new NsmRequest.DescribePcr(65536));
    }

    @Test
    @DisplayName("Attestation lists user_data, nonce, public_key in that order, None as null")
    void attestationIsAStructVariantWithOptionalFields() {
        String head = "a1 6b" + ascii("Attestation") + "a3";
        String none = head + "69" + ascii("user_data") + "f6" + "65" + ascii("nonce") + "f6" + "6a"
                + ascii("public_key") + "f6";
        assertEquals(
                none.replace(" ", ""), HEX.formatHex(NsmCodec.encode(new NsmRequest.Attestation(null, null, null))));

        byte[] key = new byte[32];
        key[0] = 0x11;
        String some = head + "69" + ascii("user_data") + "42 0102" + "65" + ascii("nonce") + "40" + "6a"
                + ascii("public_key") + "5820" + HEX.formatHex(key);
        assertEquals(
                some.replace(" ", ""),
                HEX.formatHex(NsmCodec.encode(new NsmRequest.Attestation(new byte[] {1, 2}, new byte[0], key))));
    }

    @Test
    @DisplayName("an Attestation response yields the document bytes")
    void decodesAttestationResponse() throws NsmException {
        byte[] response = hex("a1 6b" + ascii("Attestation") + "a1 68" + ascii("document") + "44 84 44 a1 01");
        NsmResponse decoded = NsmCodec.decode(response);
        assertArrayEquals(
                hex("84 44 a1 01"),
                assertInstanceOf(NsmResponse.Attestation.class, decoded).document());
    }

    @Test
    @DisplayName("a GetRandom response yields the random bytes")
    void decodesGetRandomResponse() throws NsmException {
        byte[] response = hex("a1 69" + ascii("GetRandom") + "a1 66" + ascii("random") + "43 010203");
        assertArrayEquals(
                hex("010203"),
                assertInstanceOf(NsmResponse.GetRandom.class, NsmCodec.decode(response))
                        .random());
    }

    @Test
    @DisplayName("a DescribePCR response yields lock and data")
    void decodesDescribePcrResponse() throws NsmException {
        byte[] pcr = new byte[48];
        pcr[47] = 7;
        byte[] response = hex("a1 6b" + ascii("DescribePCR") + "a2 64" + ascii("lock") + "f5 64" + ascii("data")
                + "5830" + HEX.formatHex(pcr));
        NsmResponse.DescribePcr decoded = assertInstanceOf(NsmResponse.DescribePcr.class, NsmCodec.decode(response));
        assertTrue(decoded.lock());
        assertArrayEquals(pcr, decoded.data());
    }

    @Test
    @DisplayName("an Error response is {\"Error\": \"<ErrorCode variant>\"}")
    void decodesErrorResponses() throws NsmException {
        for (NsmErrorCode code : NsmErrorCode.values()) {
            String name = code.wireName();
            String len = HEX.formatHex(new byte[] {(byte) (0x60 + name.length())});
            byte[] response = hex("a1 65" + ascii("Error") + len + ascii(name));
            assertEquals(
                    code,
                    assertInstanceOf(NsmResponse.Error.class, NsmCodec.decode(response))
                            .code());
        }
    }

    @Test
    @DisplayName("unknown fields inside a known variant are ignored, as serde does")
    void ignoresUnknownFields() throws NsmException {
        byte[] response =
                hex("a1 69" + ascii("GetRandom") + "a2 65" + ascii("extra") + "01 66" + ascii("random") + "41 ff");
        assertArrayEquals(
                hex("ff"),
                assertInstanceOf(NsmResponse.GetRandom.class, NsmCodec.decode(response))
                        .random());
    }

    @Test
    @DisplayName("malformed or unexpected responses are typed errors")
    void rejectsMalformedResponses() {
        String[] bad = {
            "", // nothing
            "69" + ascii("GetRandom") + "00", // trailing byte
            "67" + ascii("LockPCR"), // unit variant we never ask for
            "a1 65" + ascii("Error") + "67" + ascii("Unknown"), // unknown error code
            "a1 65" + ascii("Error") + "01", // error code not text
            "a1 6b" + ascii("Attestation") + "a1 68" + ascii("document") + "63616263", // document as text
            "a1 6b" + ascii("Attestation") + "a0", // document missing
            "a1 6b" + ascii("Attestation") + "80", // fields not a map
            "a1 6b" + ascii("DescribePCR") + "a1 64" + ascii("data") + "40", // lock missing
            "a2 65" + ascii("Error") + "6c" + ascii("InvalidIndex") + "61 78 01", // two variants
            "a1 01 02", // variant name not text
            "a1 6b" + ascii("Attestation") + "a1 68" + ascii("document") + "5a ffffffff" // forged length
        };
        for (String vector : bad) {
            assertThrows(NsmException.class, () -> NsmCodec.decode(hex(vector)), vector);
        }
    }

    @Test
    @DisplayName("tagged values where a field is read, and hostile CBOR anywhere, are typed errors")
    void rejectsTaggedAndHostileResponses() {
        String deep = "81".repeat(40) + "00";
        String[] bad = {
            "c1 a1 69" + ascii("GetRandom") + "a1 66" + ascii("random") + "41 ff", // tagged response
            "a1 c1 69" + ascii("GetRandom") + "a1 66" + ascii("random") + "41 ff", // tagged variant name
            "a1 69" + ascii("GetRandom") + "c1 a1 66" + ascii("random") + "41 ff", // tagged fields
            "a1 69" + ascii("GetRandom") + "a1 66" + ascii("random") + "c2 41 ff", // tagged byte string
            "a1 6b" + ascii("DescribePCR") + "a2 64" + ascii("lock") + "c1 f5 64" + ascii("data") + "40",
            "a1 65" + ascii("Error") + "c1 6c" + ascii("InvalidIndex"),
            "a1 69" + ascii("GetRandom") + "a2 65" + ascii("extra") + deep + "66" + ascii("random") + "41 ff",
            "a1 69" + ascii("GetRandom") + "a2 66" + ascii("random") + "41 ff 66" + ascii("random") + "41 ff",
            "a1 69" + ascii("GetRandom") + "a1 66" + ascii("random") + "7f 61 61 ff", // chunked string
        };
        for (String vector : bad) {
            assertThrows(NsmException.class, () -> NsmCodec.decode(hex(vector)), vector);
        }
    }

    @Test
    @DisplayName("an error response carries its code in the exception")
    void errorCodeSurfacesInClientException() {
        NsmClient client = new NsmClient(request -> hex("a1 65" + ascii("Error") + "6c" + ascii("InvalidIndex")));
        NsmException e = assertThrows(NsmException.class, () -> client.describePcr(40));
        assertEquals(NsmErrorCode.INVALID_INDEX, e.code().orElseThrow());
        assertFalse(new NsmException("x").code().isPresent());
    }
}
