package dev.provably.nautilus.gate;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.provably.nautilus.report.ReportJson;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One line of the {@code gate} command's output: the verdict on one enclave response, the one codec
 * of that contract. The CLI writes it with {@link #accepted}/{@link #rejected} and {@link #toJson()};
 * readers (the local client's {@code show}) use {@link #parse}. Always the same members in the same
 * order, {@code null} where one does not apply:
 *
 * <pre>{@code
 * {"file": "r.json", "accepted": true, "reason": null, "detail": null, "report": {<view>},
 *  "reportBcs": "<hex>", "publicKey": "<hex>", "moduleId": "i-…", "attestationTimestamp": 1744684007462,
 *  "sui": {<payload>} | null}
 * {"file": "t.json", "accepted": false, "reason": "USER_DATA_MISMATCH", "detail": "…", "report": null,
 *  "reportBcs": null, "publicKey": null, "moduleId": null, "attestationTimestamp": null, "sui": null}
 * }</pre>
 *
 * Immutable; the JSON trees are copied in and out.
 */
public final class GateOutputLine {
    /** The members, in the order they are written. */
    static final List<String> MEMBERS = List.of(
            "file",
            "accepted",
            "reason",
            "detail",
            "report",
            "reportBcs",
            "publicKey",
            "moduleId",
            "attestationTimestamp",
            "sui");

    private static final Set<String> ACCEPTED_ONLY =
            Set.of("report", "reportBcs", "publicKey", "moduleId", "attestationTimestamp", "sui");
    private static final Gson JSON =
            new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    private final JsonObject line;

    private GateOutputLine(JsonObject line) {
        this.line = line;
    }

    /** The line for an accepted response; {@code sui} is the Sui submission payload, or null without one. */
    public static GateOutputLine accepted(String file, AcceptedReport report, JsonObject sui) {
        Objects.requireNonNull(report, "report");
        HexFormat hex = HexFormat.of();
        JsonObject line = begin(file, true);
        line.add("reason", JsonNull.INSTANCE);
        line.add("detail", JsonNull.INSTANCE);
        line.add("report", ReportJson.view(report.message()));
        line.addProperty("reportBcs", hex.formatHex(report.reportBcs()));
        line.addProperty("publicKey", hex.formatHex(report.publicKey()));
        line.addProperty("moduleId", report.attestation().moduleId());
        line.addProperty("attestationTimestamp", report.attestation().timestampMillis());
        line.add("sui", sui == null ? JsonNull.INSTANCE : sui.deepCopy());
        return new GateOutputLine(line);
    }

    /** The line for a rejected response: a reason code (a {@link GateReason} or an input error) and why. */
    public static GateOutputLine rejected(String file, String reason, String detail) {
        JsonObject line = begin(file, false);
        line.addProperty("reason", Objects.requireNonNull(reason, "reason"));
        line.addProperty("detail", Objects.requireNonNull(detail, "detail"));
        for (String member : MEMBERS.subList(4, MEMBERS.size())) {
            line.add(member, JsonNull.INSTANCE);
        }
        return new GateOutputLine(line);
    }

    private static JsonObject begin(String file, boolean accepted) {
        JsonObject line = new JsonObject();
        line.addProperty("file", Objects.requireNonNull(file, "file"));
        line.addProperty("accepted", accepted);
        return line;
    }

    /**
     * Reads one line: exactly the documented members, typed as documented, with the accepted-only
     * members null on a rejection and the reason and detail null on an acceptance.
     *
     * @throws Malformed saying which member is wrong
     */
    public static GateOutputLine parse(String text) throws Malformed {
        Objects.requireNonNull(text, "text");
        try {
            JsonObject line = StrictJson.object(StrictJson.parse(text), "the line");
            StrictJson.onlyKeys(line, "the line", Set.copyOf(MEMBERS));
            for (String member : MEMBERS) {
                if (!line.has(member)) {
                    throw new StrictJson.ShapeException(member + " is missing");
                }
            }
            StrictJson.string(line.get("file"), "file");
            boolean accepted = StrictJson.bool(line.get("accepted"), "accepted");
            if (accepted) {
                nulls(line, "reason", "detail");
                StrictJson.object(line.get("report"), "report");
                hex(line, "reportBcs");
                hex(line, "publicKey");
                StrictJson.string(line.get("moduleId"), "moduleId");
                StrictJson.integer(line.get("attestationTimestamp"), "attestationTimestamp", 0, Long.MAX_VALUE);
                if (!line.get("sui").isJsonNull()) {
                    StrictJson.object(line.get("sui"), "sui");
                }
            } else {
                StrictJson.string(line.get("reason"), "reason");
                StrictJson.string(line.get("detail"), "detail");
                nulls(line, ACCEPTED_ONLY.toArray(String[]::new));
            }
            return new GateOutputLine(line);
        } catch (StrictJson.ShapeException e) {
            throw new Malformed(e.getMessage());
        }
    }

    private static void nulls(JsonObject line, String... members) throws StrictJson.ShapeException {
        for (String member : members) {
            if (!line.get(member).isJsonNull()) {
                throw new StrictJson.ShapeException(member + " must be null when accepted is "
                        + line.get("accepted").getAsBoolean());
            }
        }
    }

    private static void hex(JsonObject line, String member) throws StrictJson.ShapeException {
        String text = StrictJson.string(line.get(member), member);
        try {
            HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new StrictJson.ShapeException(member + " must be hex");
        }
    }

    /** The line as compact JSON, without the line break. */
    public String toJson() {
        return JSON.toJson(line);
    }

    /** The response file the line is about, as given on the command line. */
    public String file() {
        return line.get("file").getAsString();
    }

    public boolean accepted() {
        return line.get("accepted").getAsBoolean();
    }

    /** The rejection's reason code; empty when accepted. */
    public Optional<String> reason() {
        return string("reason");
    }

    /** Why the response was rejected; empty when accepted. */
    public Optional<String> detail() {
        return string("detail");
    }

    /** The accepted report's JSON view (decoded from the signed bytes); empty when rejected. */
    public Optional<JsonObject> report() {
        return object("report");
    }

    /** The enclave's public key, hex; empty when rejected. */
    public Optional<String> publicKey() {
        return string("publicKey");
    }

    /** The attested enclave's module id; empty when rejected. */
    public Optional<String> moduleId() {
        return string("moduleId");
    }

    /** The attestation's time in epoch milliseconds; empty when rejected. */
    public OptionalLong attestationTimestamp() {
        JsonElement value = line.get("attestationTimestamp");
        return value.isJsonNull() ? OptionalLong.empty() : OptionalLong.of(value.getAsLong());
    }

    /** The Sui submission payload; empty when rejected or when the gate ran without {@code --sui}. */
    public Optional<JsonObject> sui() {
        return object("sui");
    }

    private Optional<String> string(String member) {
        JsonElement value = line.get(member);
        return value instanceof JsonPrimitive primitive ? Optional.of(primitive.getAsString()) : Optional.empty();
    }

    private Optional<JsonObject> object(String member) {
        JsonElement value = line.get(member);
        return value instanceof JsonObject object ? Optional.of(object.deepCopy()) : Optional.empty();
    }

    @Override
    public String toString() {
        return toJson();
    }

    /** A line that is not a gate output line. */
    public static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }
}
