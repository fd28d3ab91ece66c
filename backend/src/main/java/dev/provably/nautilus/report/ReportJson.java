package dev.provably.nautilus.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.HexFormat;

/**
 * The JSON view of a signed report that an enclave's response carries as {@code report}. One
 * renderer for the enclave, the CLI and the gate (which refuses a view that differs from this
 * rendering of the signed bytes), so the view cannot drift. Only the signed BCS bytes are trusted.
 *
 * <pre>
 * {"intent": 1, "timestampMs": ...,
 *  "media": {"sha256": hex, "length": n, "detectedType": "image/png", "declaredType": "image/jpeg"?},
 *  "analyzers": [{"name", "version", "identity": hex, "scoreBps": n?, "label"}, ...],
 *  "findings": [{"key", "value"}, ...],
 *  "verdict": "AI_GENERATED_DECLARED", "verdictCode": 1,
 *  "policy": {"rule": "ai-declared", "identity": hex},
 *  "callerReference": "..."?}
 * </pre>
 *
 * Members marked {@code ?} are absent when the signed option is none.
 */
public final class ReportJson {
    private ReportJson() {}

    /** The view of {@code message}; a new object each call. */
    public static JsonObject view(IntentMessage message) {
        HexFormat hex = HexFormat.of();
        MediaReport data = message.data();
        JsonObject media = new JsonObject();
        media.addProperty("sha256", hex.formatHex(data.mediaSha256()));
        media.addProperty("length", data.mediaLength());
        media.addProperty("detectedType", data.detectedType());
        data.declaredType().ifPresent(t -> media.addProperty("declaredType", t));
        JsonArray analyzers = new JsonArray();
        for (AnalyzerReport a : data.analyzers()) {
            JsonObject analyzer = new JsonObject();
            analyzer.addProperty("name", a.name());
            analyzer.addProperty("version", a.version());
            analyzer.addProperty("identity", hex.formatHex(a.identity()));
            a.scoreBps().ifPresent(score -> analyzer.addProperty("scoreBps", score));
            analyzer.addProperty("label", a.label());
            analyzers.add(analyzer);
        }
        JsonArray findings = new JsonArray();
        for (Finding f : data.findings()) {
            JsonObject finding = new JsonObject();
            finding.addProperty("key", f.key());
            finding.addProperty("value", f.value());
            findings.add(finding);
        }
        JsonObject policy = new JsonObject();
        policy.addProperty("rule", data.policyRule());
        policy.addProperty("identity", hex.formatHex(data.policyIdentity()));
        JsonObject view = new JsonObject();
        view.addProperty("intent", message.intent());
        view.addProperty("timestampMs", message.timestampMs());
        view.add("media", media);
        view.add("analyzers", analyzers);
        view.add("findings", findings);
        view.addProperty("verdict", data.verdict().name());
        view.addProperty("verdictCode", data.verdict().code());
        view.add("policy", policy);
        data.callerReference().ifPresent(r -> view.addProperty("callerReference", r));
        return view;
    }
}
