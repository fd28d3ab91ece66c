package dev.provably.nautilus.enclave.nsm;

import java.io.ByteArrayOutputStream;

/** Typed NSM calls over a transport: encodes the request, decodes and checks the response. */
public final class NsmClient {
    /** GetRandom normally returns 256 bytes; this bounds the loop if the device returns nothing. */
    private static final int MAX_EMPTY_RANDOM_RESPONSES = 4;

    private final NsmTransport transport;

    public NsmClient(NsmTransport transport) {
        this.transport = transport;
    }

    public byte[] attestation(byte[] userData, byte[] nonce, byte[] publicKey) throws NsmException {
        NsmResponse response = call(new NsmRequest.Attestation(userData, nonce, publicKey));
        if (response instanceof NsmResponse.Attestation attestation) {
            return attestation.document();
        }
        throw unexpected("Attestation", response);
    }

    public byte[] random(int length) throws NsmException {
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative");
        }
        ByteArrayOutputStream collected = new ByteArrayOutputStream(length);
        int empty = 0;
        while (collected.size() < length) {
            NsmResponse response = call(new NsmRequest.GetRandom());
            if (!(response instanceof NsmResponse.GetRandom random)) {
                throw unexpected("GetRandom", response);
            }
            byte[] bytes = random.random();
            if (bytes.length == 0 && ++empty > MAX_EMPTY_RANDOM_RESPONSES) {
                throw new NsmException("NSM GetRandom keeps returning no bytes");
            }
            collected.write(bytes, 0, Math.min(bytes.length, length - collected.size()));
        }
        return collected.toByteArray();
    }

    public NsmResponse.DescribePcr describePcr(int index) throws NsmException {
        NsmResponse response = call(new NsmRequest.DescribePcr(index));
        if (response instanceof NsmResponse.DescribePcr describe) {
            return describe;
        }
        throw unexpected("DescribePCR", response);
    }

    private NsmResponse call(NsmRequest request) throws NsmException {
        byte[] encoded = NsmCodec.encode(request);
        if (encoded.length > NsmDevice.REQUEST_MAX) {
            throw new NsmException(
                    NsmErrorCode.INPUT_TOO_LARGE,
                    "NSM request of " + encoded.length + " bytes exceeds " + NsmDevice.REQUEST_MAX);
        }
        return NsmCodec.decode(transport.exchange(encoded));
    }

    private static NsmException unexpected(String requested, NsmResponse response) {
        if (response instanceof NsmResponse.Error error) {
            return new NsmException(
                    error.code(),
                    "NSM answered " + requested + " with error " + error.code().wireName());
        }
        return new NsmException(
                "NSM answered " + requested + " with " + response.getClass().getSimpleName());
    }
}
