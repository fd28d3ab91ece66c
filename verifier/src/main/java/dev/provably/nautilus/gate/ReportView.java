package dev.provably.nautilus.gate;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.provably.nautilus.report.Analysis;
import dev.provably.nautilus.report.IntentMessage;
import dev.provably.nautilus.report.MediaReport;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;

/**
 * Compares the response's {@code report} JSON, a convenience view, with the report decoded from
 * the signed bytes. A view that differs in any member, or has members the contract does not
 * define, is refused: a client showing the view would otherwise show something unsigned. The
 * enclave renders the view with {@link dev.provably.nautilus.report.ReportJson#view}.
 */
final class ReportView {
    private static final Set<String> REPORT = Set.of("intent", "timestampMs", "media", "analysis");
    private static final Set<String> MEDIA = Set.of("sha256", "length", "type");
    private static final Set<String> ANALYSIS = Set.of("detector", "modelVersion", "aiGeneratedBps", "verdict");

    private ReportView() {}

    /** Throws a description of the first difference, or returns if the view is exact. */
    static void check(JsonObject view, IntentMessage signed) throws StrictJson.ShapeException {
        StrictJson.onlyKeys(view, "report", REPORT);
        same("report.intent", StrictJson.integer(view.get("intent"), "report.intent", 0, 255), signed.intent());
        same(
                "report.timestampMs",
                StrictJson.integer(view.get("timestampMs"), "report.timestampMs", 0, Long.MAX_VALUE),
                signed.timestampMs());

        MediaReport data = signed.data();
        JsonObject media = StrictJson.object(view.get("media"), "report.media");
        StrictJson.onlyKeys(media, "report.media", MEDIA);
        String sha256 = StrictJson.string(media.get("sha256"), "report.media.sha256");
        byte[] shown;
        try {
            shown = HexFormat.of().parseHex(sha256);
        } catch (IllegalArgumentException e) {
            throw new StrictJson.ShapeException("report.media.sha256 is not hex");
        }
        if (!Arrays.equals(shown, data.mediaSha256())) {
            throw new StrictJson.ShapeException(
                    "report.media.sha256 " + StrictJson.excerpt(sha256) + " differs from the signed "
                            + HexFormat.of().formatHex(data.mediaSha256()));
        }
        same(
                "report.media.length",
                StrictJson.integer(media.get("length"), "report.media.length", 1, Long.MAX_VALUE),
                data.mediaLength());
        same("report.media.type", StrictJson.string(media.get("type"), "report.media.type"), data.mediaType());

        Analysis analysis = data.analysis();
        JsonObject claimed = StrictJson.object(view.get("analysis"), "report.analysis");
        StrictJson.onlyKeys(claimed, "report.analysis", ANALYSIS);
        same("report.analysis.detector", string(claimed, "detector"), analysis.detector());
        same("report.analysis.modelVersion", string(claimed, "modelVersion"), analysis.modelVersion());
        same(
                "report.analysis.aiGeneratedBps",
                StrictJson.integer(claimed.get("aiGeneratedBps"), "report.analysis.aiGeneratedBps", 0, 65535),
                analysis.aiGeneratedBps());
        same("report.analysis.verdict", string(claimed, "verdict"), analysis.verdict().name());
    }

    private static String string(JsonObject object, String member) throws StrictJson.ShapeException {
        JsonElement value = object.get(member);
        return StrictJson.string(value, "report.analysis." + member);
    }

    private static void same(String path, long shown, long signed) throws StrictJson.ShapeException {
        if (shown != signed) {
            throw new StrictJson.ShapeException(path + " " + shown + " differs from the signed " + signed);
        }
    }

    private static void same(String path, String shown, String signed) throws StrictJson.ShapeException {
        if (!shown.equals(signed)) {
            throw new StrictJson.ShapeException(
                    path + " " + StrictJson.excerpt(shown) + " differs from the signed " + StrictJson.excerpt(signed));
        }
    }
}
