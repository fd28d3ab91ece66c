package dev.provably.nautilus.infra.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The enclave analysis the backend's verifier accepts reports from: pinned identities, or any
 * analysis the pinned image runs (the unsafe opt-out, written out). Copied into {@code backendConfig}
 * as its {@code expectedAnalysis} member.
 */
public sealed interface ExpectedAnalysis {

    /** The value the verifier's {@code BackendConfig} reads. */
    Object backendConfigValue();

    /**
     * The verdict policy's identity and, by analyzer name, each analyzer's identity (lower-case
     * SHA-256 hex, as the enclave prints them); at least one analyzer.
     */
    record Pinned(String policy, SortedMap<String, String> analyzers) implements ExpectedAnalysis {
        public Pinned {
            Objects.requireNonNull(policy, "policy");
            if (analyzers.isEmpty()) {
                throw new IllegalArgumentException("at least one analyzer identity is required");
            }
            analyzers = Collections.unmodifiableSortedMap(new TreeMap<>(analyzers));
        }

        /** {@code {"policy": "<64 hex>", "analyzers": {"<name>": "<64 hex>", ...}}}. */
        @Override
        public Map<String, Object> backendConfigValue() {
            var out = new LinkedHashMap<String, Object>();
            out.put("policy", policy);
            out.put("analyzers", analyzers);
            return Collections.unmodifiableMap(out);
        }
    }

    /** Accept whatever analysis the pinned image runs: PCR0 alone ties it to the image. Unsafe. */
    record Any() implements ExpectedAnalysis {
        /** The verifier's written-out opt-out. */
        public static final String VALUE = "any";

        @Override
        public String backendConfigValue() {
            return VALUE;
        }
    }
}
