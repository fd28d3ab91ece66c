package dev.provably.nautilus.gate;

import com.google.gson.JsonObject;
import dev.provably.nautilus.report.AnalyzerReport;
import dev.provably.nautilus.report.MediaReport;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The analysis a backend trusts: the verdict policy's identity and, by name, each analyzer's
 * identity (SHA-256 of its rules or its model and manifest). A report signed by a genuine enclave
 * but produced by any other analysis, or by a different set of analyzers, is refused
 * ({@link GateReason#ANALYSIS_MISMATCH}). The enclave prints these values at start-up and in
 * {@code /health}; {@code nautilus-enclave.jar analyze --identities} prints them from the jar.
 * Immutable.
 */
public final class ExpectedAnalysis {
    private final byte[] policyIdentity;
    private final SortedMap<String, byte[]> analyzers;

    private ExpectedAnalysis(byte[] policyIdentity, Map<String, byte[]> analyzers) {
        this.policyIdentity = identity(policyIdentity, "policy");
        if (analyzers.isEmpty()) {
            throw new IllegalArgumentException("at least one analyzer identity is required");
        }
        TreeMap<String, byte[]> copy = new TreeMap<>();
        analyzers.forEach((name, id) -> copy.put(name, identity(id, "analyzers." + name)));
        this.analyzers = Collections.unmodifiableSortedMap(copy);
    }

    /** The policy and analyzer identities (32 bytes each) a report must carry, exactly. */
    public static ExpectedAnalysis of(byte[] policyIdentity, Map<String, byte[]> analyzerIdentities) {
        return new ExpectedAnalysis(policyIdentity, analyzerIdentities);
    }

    /** A copy of the expected policy identity. */
    public byte[] policyIdentity() {
        return policyIdentity.clone();
    }

    /** The expected analyzer identities by name (copies). */
    public SortedMap<String, byte[]> analyzers() {
        TreeMap<String, byte[]> copy = new TreeMap<>();
        analyzers.forEach((name, id) -> copy.put(name, id.clone()));
        return copy;
    }

    /**
     * The backend config's {@code expectedAnalysis} member, {@code {"policy": hex, "analyzers": {name:
     * hex}}}: what {@link BackendConfig#fromJson} reads back; a new object each call.
     */
    public JsonObject toJson() {
        JsonObject byName = new JsonObject();
        analyzers.forEach((name, id) -> byName.addProperty(name, HexFormat.of().formatHex(id)));
        JsonObject json = new JsonObject();
        json.addProperty("policy", HexFormat.of().formatHex(policyIdentity));
        json.add("analyzers", byName);
        return json;
    }

    /** How {@code report}'s analysis differs from this one, or empty if it is exactly this one. */
    Optional<String> mismatch(MediaReport report) {
        HexFormat hex = HexFormat.of();
        if (!MessageDigest.isEqual(report.policyIdentity(), policyIdentity)) {
            return Optional.of("the report was decided by policy " + hex.formatHex(report.policyIdentity())
                    + ", not the expected " + hex.formatHex(policyIdentity));
        }
        for (AnalyzerReport analyzer : report.analyzers()) {
            byte[] expected = analyzers.get(analyzer.name());
            if (expected == null) {
                return Optional.of("the report names analyzer " + analyzer.name() + ", which is not expected");
            }
            if (!MessageDigest.isEqual(analyzer.identity(), expected)) {
                return Optional.of("analyzer " + analyzer.name() + " has identity " + hex.formatHex(analyzer.identity())
                        + ", not the expected " + hex.formatHex(expected));
            }
        }
        for (String name : analyzers.keySet()) {
            if (report.analyzer(name).isEmpty()) {
                return Optional.of("the report lacks the expected analyzer " + name);
            }
        }
        return Optional.empty();
    }

    private static byte[] identity(byte[] value, String field) {
        if (value == null || value.length != MediaReport.SHA256_LENGTH) {
            throw new IllegalArgumentException(field + " must be a 32-byte SHA-256");
        }
        return value.clone();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("ExpectedAnalysis[policy=")
                .append(HexFormat.of().formatHex(policyIdentity));
        analyzers.forEach((name, id) ->
                s.append(", ").append(name).append('=').append(HexFormat.of().formatHex(id)));
        return s.append(']').toString();
    }
}
