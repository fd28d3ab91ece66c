package dev.provably.nautilus.infra.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** Pinned PCR values (lower-case SHA-384 hex) by index; PCR0 is always present. */
public record ExpectedPcrs(SortedMap<Integer, String> values) {

    public ExpectedPcrs {
        if (!values.containsKey(0)) {
            throw new IllegalArgumentException("PCR0 is required");
        }
        values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }

    public String pcr0() {
        return values.get(0);
    }

    public Optional<String> get(int index) {
        return Optional.ofNullable(values.get(index));
    }

    /** {@code {"0": "<hex>", ...}}, the shape the backend config uses. */
    public Map<String, String> byIndexString() {
        var out = new LinkedHashMap<String, String>();
        values.forEach((k, v) -> out.put(Integer.toString(k), v));
        return Collections.unmodifiableMap(out);
    }
}
