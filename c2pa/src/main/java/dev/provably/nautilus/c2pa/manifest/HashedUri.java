package dev.provably.nautilus.c2pa.manifest;

import co.nstant.in.cbor.model.DataItem;
import java.util.Optional;

/**
 * A C2PA hashed URI: a JUMBF URI and the hash of the box it names.
 *
 * @param url the {@code self#jumbf=} URI
 * @param alg the hash algorithm, when given here rather than inherited from the claim
 * @param hash the expected hash
 */
public record HashedUri(String url, Optional<String> alg, byte[] hash) {
    /** Reads {@code {url, alg?, hash}}; empty when the map lacks a text url or a byte-string hash. */
    public static Optional<HashedUri> from(DataItem map) {
        Optional<String> url = Cbor.text(map, "url");
        Optional<byte[]> hash = Cbor.get(map, "hash").flatMap(Cbor::bytes);
        if (url.isEmpty() || hash.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new HashedUri(url.get(), Cbor.text(map, "alg"), hash.get()));
    }
}
