package dev.provably.nautilus.enclave.client;

import dev.provably.nautilus.gate.GateRejection;
import dev.provably.nautilus.gate.ReportResponse;
import dev.provably.nautilus.report.IntentMessage;
import dev.provably.nautilus.report.MalformedReportException;
import dev.provably.nautilus.report.MediaReport;
import dev.provably.nautilus.report.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Forges what an attacker between the enclave and the backend would send: the same response with
 * the signed verdict changed. Exactly one byte of {@code reportBcs} changes (the verdict is a
 * {@code u8}), the bytes still decode as a valid report, and the {@code report} JSON view is
 * rewritten to match, so that only the cryptographic bindings can tell.
 */
public final class ResponseTamper {
    private ResponseTamper() {}

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
        ReportResponse answer = parse(response);
        byte[] bcs = answer.reportBcs();
        IntentMessage original = decode(bcs, "the response's reportBcs");
        Verdict from = original.data().verdict();
        Verdict to = forgedVerdict(from);

        // Re-encode through the model rather than patch bytes: the forged bytes are then a valid
        // report by construction, and comparing the encodings shows what changed.
        MediaReport data = original.data();
        IntentMessage forgedMessage = new IntentMessage(
                original.intent(),
                original.timestampMs(),
                new MediaReport(
                        data.mediaSha256(),
                        data.mediaLength(),
                        data.detectedType(),
                        data.declaredType(),
                        data.analyzers(),
                        data.findings(),
                        to,
                        data.policyRule(),
                        data.policyIdentity(),
                        data.callerReference()));
        byte[] forged = forgedMessage.toBcs();
        int index = onlyDifference(bcs, forged);

        // The gate's own codec writes the forgery: only the report and its bytes change.
        String json = answer.withReport(forgedMessage, forged).toJson();
        return new Tampered(json.getBytes(StandardCharsets.UTF_8), index, from, to);
    }

    /** The one index at which two equally long encodings differ. */
    private static int onlyDifference(byte[] original, byte[] forged) throws LocalClientException {
        int index = Arrays.mismatch(original, forged);
        if (original.length != forged.length
                || index < 0
                || Arrays.mismatch(original, index + 1, original.length, forged, index + 1, forged.length) >= 0) {
            throw new LocalClientException("changing the verdict changed more than one byte of reportBcs");
        }
        return index;
    }

    private static ReportResponse parse(byte[] response) throws LocalClientException {
        try {
            return ReportResponse.parse(new String(response, StandardCharsets.UTF_8));
        } catch (GateRejection e) {
            throw new LocalClientException(
                    "the response to tamper with is not an enclave report answer: " + e.getMessage(), e);
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
