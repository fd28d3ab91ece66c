package dev.provably.nautilus.enclave.nsm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import co.nstant.in.cbor.model.ByteString;
import co.nstant.in.cbor.model.DataItem;
import co.nstant.in.cbor.model.Map;
import co.nstant.in.cbor.model.SimpleValue;
import co.nstant.in.cbor.model.UnicodeString;
import dev.provably.nautilus.enclave.cbor.CborEncoding;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NsmClientTest {

    /** A transport that records requests and answers from a script. */
    private static final class ScriptedTransport implements NsmTransport {
        final List<byte[]> requests = new ArrayList<>();
        final List<byte[]> responses;

        ScriptedTransport(List<byte[]> responses) {
            this.responses = new ArrayList<>(responses);
        }

        @Override
        public byte[] exchange(byte[] request) {
            requests.add(request);
            return responses.remove(0);
        }
    }

    /** {@code {variant: {field: value, ...}}}, fields given as name, value, name, value, .... */
    private static byte[] response(String variant, Object... fields) {
        Map content = new Map();
        for (int i = 0; i < fields.length; i += 2) {
            content.put(new UnicodeString((String) fields[i]), (DataItem) fields[i + 1]);
        }
        return CborEncoding.encode(new Map().put(new UnicodeString(variant), content));
    }

    private static byte[] randomResponse(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) i;
        }
        return response("GetRandom", "random", new ByteString(bytes));
    }

    @Test
    @DisplayName("attest sends the fields to the NSM and returns the document")
    void attestationRoundTrip() throws NsmException {
        byte[] document = {(byte) 0x84, 0x44};
        ScriptedTransport transport =
                new ScriptedTransport(List.of(response("Attestation", "document", new ByteString(document))));
        NsmAttestationSource source = new NsmAttestationSource(transport);
        byte[] key = new byte[32];
        assertArrayEquals(document, source.attest(key, new byte[] {9}, null));
        assertArrayEquals(
                NsmCodec.encode(new NsmRequest.Attestation(new byte[] {9}, null, key)), transport.requests.get(0));
        assertEquals("nsm", source.mode());
    }

    @Test
    @DisplayName("random collects GetRandom responses until it has enough bytes")
    void randomCollectsAcrossCalls() throws NsmException {
        ScriptedTransport transport = new ScriptedTransport(List.of(randomResponse(20), randomResponse(20)));
        byte[] random = new NsmClient(transport).random(32);
        assertEquals(32, random.length);
        assertEquals(2, transport.requests.size());
        assertEquals(19, random[19]);
        assertEquals(0, random[20]);
    }

    @Test
    @DisplayName("a device that returns no entropy fails instead of looping")
    void randomGivesUpOnEmptyResponses() {
        ScriptedTransport transport = new ScriptedTransport(
                List.of(randomResponse(0), randomResponse(0), randomResponse(0), randomResponse(0), randomResponse(0)));
        assertThrows(NsmException.class, () -> new NsmClient(transport).random(1));
    }

    @Test
    @DisplayName("pcr reads a PCR with DescribePCR")
    void describePcr() throws NsmException {
        byte[] value = new byte[48];
        value[0] = 1;
        ScriptedTransport transport = new ScriptedTransport(
                List.of(response("DescribePCR", "lock", SimpleValue.TRUE, "data", new ByteString(value))));
        assertArrayEquals(value, new NsmAttestationSource(transport).pcr(0));
        assertArrayEquals(NsmCodec.encode(new NsmRequest.DescribePcr(0)), transport.requests.get(0));
    }

    @Test
    @DisplayName("a response of the wrong variant is an error")
    void wrongVariantIsAnError() {
        ScriptedTransport transport = new ScriptedTransport(List.of(randomResponse(4)));
        assertThrows(NsmException.class, () -> new NsmClient(transport).attestation(null, null, null));
    }

    @Test
    @DisplayName("requests larger than the driver's 0x1000-byte limit are refused before the ioctl")
    void oversizedRequestIsRefused() {
        ScriptedTransport transport = new ScriptedTransport(List.of());
        NsmException e = assertThrows(
                NsmException.class, () -> new NsmClient(transport).attestation(new byte[4096], null, null));
        assertEquals(NsmErrorCode.INPUT_TOO_LARGE, e.code().orElseThrow());
        assertEquals(0, transport.requests.size());
    }
}
