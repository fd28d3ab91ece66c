package dev.provably.nautilus.enclave.client;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.provably.nautilus.report.IntentMessage;
import dev.provably.nautilus.report.MalformedReportException;
import dev.provably.nautilus.report.MediaReport;
import dev.provably.nautilus.report.ReportJson;
import dev.provably.nautilus.report.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Forges what an attacker between the enclave and the backend would send: the same response with
 * the signed verdict changed. Exactly one byte of {@code reportBcs} changes (the verdict is a
 * {@code u8}), the bytes still decode as a valid report, and the {@code report} JSON view is
 * rewritten to match, so that only the cryptographic bindings can tell.
 */
public final class ResponseTamper {
    private ResponseTamper() {
    }

    /** The forged response and what was changed. */
    public record Tampered(byte[] response, int byteIndex, Verdict from, Verdict to) {
        public Tampered {
            response = response.clone();
        }

        @Override
        public byte[] response() {
            return response.clone();
        }
    }

    /** The verdict a forger would want: anything cleared as authentic, an authentic one discredited. */
    public static Verdict forgedVerdict(Verdict original) {
        return original == Verdict.CAPTURE_DECLARED ? Verdict.AI_GENERATED_DECLARED : Verdict.CAPTURE_DECLARED;
    }

    /** Changes the signed verdict of {@code response} (an enclave answer's JSON) to {@link #forgedVerdict}. */
    public static Tampered changeVerdict(byte[] response) throws LocalClientException {
        JsonObject body = object(response);
        byte[] bcs = reportBcs(body);
        IntentMessage original = decode(bcs, "the response's reportBcs");
        Verdict from = original.data().verdict();
        Verdict to = forgedVerdict(from);

        // Re-encode through the model rather than patch bytes: the forged bytes are then a valid
        // report by construction, and comparing the encodings shows what changed.
        MediaReport data = original.data();
        IntentMessage forgedMessage = new IntentMessage(original.intent(), original.timestampMs(),
                new MediaReport(data.mediaSha256(), data.mediaLength(), data.detectedType(), data.declaredType(),
                        data.analyzers(), data.findings(), to, data.policyRule(), data.policyIdentity(),
                        data.callerReference()));
        byte[] forged = forgedMessage.toBcs();
        int index = onlyDifference(bcs, forged);

        body.addProperty("reportBcs", HexFormat.of().formatHex(forged));
        body.add("report", ReportJson.view(forgedMessage));
        String json = new GsonBuilder().disableHtmlEscaping().create().toJson(body);
        return new Tampered(json.getBytes(StandardCharsets.UTF_8), index, from, to);
    }

    /** The one index at which two equally long encodings differ. */
    private static int onlyDifference(byte[] original, byte[] forged) throws LocalClientException {
        int index = Arrays.mismatch(original, forged);
        if (original.length != forged.length || index < 0
                || Arrays.mismatch(original, index + 1, original.length, forged, index + 1, forged.length) >= 0) {
            throw new LocalClientException("changing the verdict changed more than one byte of reportBcs");
        }
        return index;
    }

    private static JsonObject object(byte[] response) throws LocalClientException {
        try {
            JsonElement parsed = JsonParser.parseString(new String(response, StandardCharsets.UTF_8));
            if (parsed instanceof JsonObject object && object.get("report") instanceof JsonObject report
                    && report.has("verdict")) {
                return object;
            }
        } catch (JsonParseException e) {
            throw new LocalClientException("the response to tamper with is not JSON", e);
        }
        throw new LocalClientException("the response to tamper with is not an enclave report answer");
    }

    private static byte[] reportBcs(JsonObject body) throws LocalClientException {
        try {
            return HexFormat.of().parseHex(body.get("reportBcs").getAsString());
        } catch (RuntimeException e) { // absent, not a string, or not hex
            throw new LocalClientException("the response has no hex reportBcs", e);
        }
    }

    private static IntentMessage decode(byte[] bcs, String what) throws LocalClientException {
        try {
            return IntentMessage.fromBcs(bcs);
        } catch (MalformedReportException e) {
            throw new LocalClientException(what + " is not a media report: " + e.getMessage(), e);
        }
    }
}
