package dev.provably.nautilus.c2pa.jumbf;

import java.util.Arrays;

/**
 * A leaf box inside a superbox, such as {@code cbor}, {@code json}, {@code bidb} or {@code c2sh}.
 * The payload is a view (offset and length) into the store's bytes, copied only on request.
 */
public record ContentBox(String type, byte[] source, int payloadOffset, int payloadLength) implements JumbfBox {
    /** A copy of the payload. */
    public byte[] payload() {
        return Arrays.copyOfRange(source, payloadOffset, payloadOffset + payloadLength);
    }
}
