package dev.provably.nautilus.c2pa.manifest;

import co.nstant.in.cbor.model.DataItem;
import dev.provably.nautilus.cbor.CborFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parsed claim ({@code c2pa.claim} v1 or {@code c2pa.claim.v2}).
 *
 * @param version 1 or 2
 * @param generator the claim generator: v1's {@code claim_generator}, or v2's
 *     {@code claim_generator_info} as {@code name/version}
 * @param alg the default hash algorithm for hashed URIs
 * @param signatureUrl the URI of the claim signature box
 * @param assertions every referenced assertion (v2: created then gathered)
 * @param bytes the claim's CBOR exactly as stored: the COSE payload
 */
public record Claim(
        int version,
        String generator,
        Optional<String> alg,
        String signatureUrl,
        List<HashedUri> assertions,
        byte[] bytes) {
    public Claim {
        assertions = List.copyOf(assertions);
    }

    /** Parses a claim; {@code label} is its superbox label, which says the version. */
    public static Claim parse(String label, byte[] cbor, int maxAssertions) throws ManifestException {
        DataItem map;
        try {
            map = Cbor.decode(cbor);
        } catch (CborFormatException e) {
            throw new ManifestException("claim.malformed", "claim " + e.getMessage());
        }
        int version = label.equals("c2pa.claim.v2") ? 2 : 1;
        List<DataItem> refs = new ArrayList<>();
        String generator;
        if (version == 1) {
            generator = Cbor.text(map, "claim_generator")
                    .orElseThrow(() -> new ManifestException("claim.malformed", "claim has no claim_generator"));
            refs.addAll(requireArray(map, "assertions"));
        } else {
            DataItem info = Cbor.get(map, "claim_generator_info")
                    .orElseThrow(() -> new ManifestException("claim.malformed", "claim has no claim_generator_info"));
            String name = Cbor.text(info, "name").orElse("");
            generator = Cbor.text(info, "version").map(v -> name + "/" + v).orElse(name);
            refs.addAll(requireArray(map, "created_assertions"));
            Cbor.get(map, "gathered_assertions").ifPresent(g -> refs.addAll(Cbor.array(g)));
        }
        if (refs.size() > maxAssertions) {
            throw new ManifestException(
                    "claim.malformed",
                    "claim references " + refs.size() + " assertions; the limit is " + maxAssertions);
        }
        List<HashedUri> assertions = new ArrayList<>();
        for (DataItem r : refs) {
            assertions.add(HashedUri.from(r)
                    .orElseThrow(() -> new ManifestException("claim.malformed", "claim holds a malformed hashed URI")));
        }
        String signature = Cbor.text(map, "signature")
                .orElseThrow(() -> new ManifestException("claim.malformed", "claim has no signature reference"));
        return new Claim(version, generator, Cbor.text(map, "alg"), signature, assertions, cbor.clone());
    }

    private static List<DataItem> requireArray(DataItem map, String key) throws ManifestException {
        DataItem a =
                Cbor.get(map, key).orElseThrow(() -> new ManifestException("claim.malformed", "claim has no " + key));
        if (!Cbor.isArray(a)) {
            throw new ManifestException("claim.malformed", "claim's " + key + " is not an array");
        }
        return Cbor.array(a);
    }
}
