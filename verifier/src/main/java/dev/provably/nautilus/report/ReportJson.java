package dev.provably.nautilus.report;

import com.google.gson.JsonObject;
import java.util.HexFormat;

/**
 * The JSON view of a signed report that an enclave's {@code POST /v1/reports} response carries as
 * {@code report}. One renderer for the enclave, the CLI and tests, so the view cannot drift from
 * what the backend gate checks it against. The view is a convenience: only the signed BCS bytes
 * are trusted.
 */
public final class ReportJson {
    private ReportJson() {
    }

    /** {@code {"intent", "timestampMs", "media": {"sha256", "length", "type"}, "analysis": {...}}}; a new object each call. */
    public static JsonObject view(IntentMessage message) {
        MediaReport data = message.data();
        JsonObject media = new JsonObject();
        media.addProperty("sha256", HexFormat.of().formatHex(data.mediaSha256()));
        media.addProperty("length", data.mediaLength());
        media.addProperty("type", data.mediaType());
        Analysis claimed = data.analysis();
        JsonObject analysis = new JsonObject();
        analysis.addProperty("detector", claimed.detector());
        analysis.addProperty("modelVersion", claimed.modelVersion());
        analysis.addProperty("aiGeneratedBps", claimed.aiGeneratedBps());
        analysis.addProperty("verdict", claimed.verdict().name());
        JsonObject view = new JsonObject();
        view.addProperty("intent", message.intent());
        view.addProperty("timestampMs", message.timestampMs());
        view.add("media", media);
        view.add("analysis", analysis);
        return view;
    }
}
