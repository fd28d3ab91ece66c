package dev.provably.nautilus.enclave.server;

import com.google.gson.JsonObject;
import dev.provably.nautilus.enclave.attest.AttestationException;
import dev.provably.nautilus.enclave.http.ApiException;
import dev.provably.nautilus.enclave.http.ApiRequest;
import dev.provably.nautilus.enclave.metrics.AnalysisTimes;
import dev.provably.nautilus.enclave.signing.ReportSigner;
import dev.provably.nautilus.enclave.signing.SignedReport;
import dev.provably.nautilus.report.Analysis;
import dev.provably.nautilus.report.MediaReport;
import dev.provably.nautilus.report.ReportJson;
import dev.provably.nautilus.report.Verdict;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The work behind a report, in two calls shared by {@code POST /v1/reports} (synchronous) and the
 * job queue ({@code POST /v1/analyses}): {@link #accept} validates a request without touching the
 * media (cheap, before anything is queued), {@link #run} hashes, analyses, signs and attests it
 * and returns the response body. What the enclave computes changes here and nowhere else.
 *
 * <p>Request: body = the media, {@code Content-Type} = its media type, query = the caller's
 * analysis ({@code detector}, {@code modelVersion}, {@code aiGeneratedBps}, {@code verdict}) and an
 * optional hex {@code nonce}.
 */
final class ReportPipeline {
    static final Set<String> PARAMETERS = Set.of("detector", "modelVersion", "aiGeneratedBps", "verdict", "nonce");
    /** The name {@link #run} records its time under until analyzers record their own. */
    static final String TIMING_NAME = "pipeline";
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,5}");
    /** Stands in for the media hash while the other fields are validated by the model itself. */
    private static final byte[] PLACEHOLDER_HASH = new byte[MediaReport.SHA256_LENGTH];

    /** A validated request, ready to run; holds the media (shared with the request, never modified). */
    record Submission(byte[] media, String mediaType, Analysis analysis, byte[] nonce) {
        /** The memory the submission holds while it waits. */
        long bytes() {
            return media.length;
        }
    }

    private final ReportSigner signer;
    private final Metrics metrics;
    private final AnalysisTimes times;

    ReportPipeline(ReportSigner signer, Metrics metrics, AnalysisTimes times) {
        this.signer = signer;
        this.metrics = metrics;
        this.times = times;
    }

    /** Validates the query, headers and body; refuses with a 4xx before any work is done. */
    Submission accept(ApiRequest request) throws ApiException {
        QueryParameters query = QueryParameters.parse(request.rawQuery(), PARAMETERS);
        String mediaType = mediaType(request.header("Content-Type").orElse(null));
        Analysis analysis = analysis(query);
        byte[] nonce = Nonce.parse(query.optional("nonce").orElse(null));
        try {
            new MediaReport(PLACEHOLDER_HASH, 1, mediaType, analysis);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("bad_media_type", e.getMessage());
        }
        if (request.body().length == 0) {
            throw ApiException.badRequest("empty_body", "the request body (the media) is empty");
        }
        return new Submission(request.body(), mediaType, analysis, nonce);
    }

    /** Measures the media, signs the report and has it attested: the response body of a report. */
    JsonObject run(Submission submission) throws ApiException {
        long started = System.nanoTime();
        MediaDigest media = MediaDigest.of(submission.media());
        SignedReport signed;
        try {
            signed = signer.sign(new MediaReport(media.sha256(), media.length(), submission.mediaType(),
                    submission.analysis()), submission.nonce());
        } catch (AttestationException e) {
            throw new AttestationUnavailable(e);
        }
        times.record(TIMING_NAME, Duration.ofNanos(System.nanoTime() - started));
        metrics.reports.incrementAndGet();
        return body(signed);
    }

    /**
     * The media type without parameters, lower-cased (media types are case-insensitive). Form and
     * multipart bodies are refused: they wrap the file, and the enclave would sign the wrapper.
     */
    static String mediaType(String header) throws ApiException {
        if (header == null || header.isBlank()) {
            throw ApiException.badRequest("missing_content_type",
                    "Content-Type is required: it is the media type the report records");
        }
        int semicolon = header.indexOf(';');
        String type = (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        if (type.equals("application/x-www-form-urlencoded") || type.startsWith("multipart/")) {
            throw new ApiException(415, "unsupported_media_type", "the body is " + type
                    + ", an envelope around the file, and the enclave would hash the envelope; post the file's raw bytes"
                    + " with its own type, e.g. curl --data-binary @photo.jpg -H 'Content-Type: image/jpeg' URL");
        }
        return type;
    }

    static Analysis analysis(QueryParameters query) throws ApiException {
        String detector = query.required("detector");
        String modelVersion = query.required("modelVersion");
        String bps = query.required("aiGeneratedBps");
        String verdictName = query.required("verdict");
        if (!DIGITS.matcher(bps).matches()) {
            throw ApiException.badRequest("bad_analysis",
                    "aiGeneratedBps must be an integer 0.." + Analysis.MAX_BPS + ", got " + ApiException.quote(bps));
        }
        Verdict verdict;
        try {
            verdict = Verdict.valueOf(verdictName);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("bad_analysis", "verdict must be one of " + Arrays.toString(Verdict.values())
                    + ", got " + ApiException.quote(verdictName));
        }
        try {
            return new Analysis(detector, modelVersion, Integer.parseInt(bps), verdict);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("bad_analysis", e.getMessage());
        }
    }

    private static JsonObject body(SignedReport signed) {
        HexFormat hex = HexFormat.of();
        JsonObject body = new JsonObject();
        body.add("report", ReportJson.view(signed.message()));
        body.addProperty("reportBcs", hex.formatHex(signed.reportBcs()));
        body.addProperty("signature", hex.formatHex(signed.signature()));
        body.addProperty("publicKey", hex.formatHex(signed.publicKey()));
        body.addProperty("attestation", Base64.getEncoder().encodeToString(signed.attestation()));
        body.addProperty("nonce", signed.nonce() == null ? null : hex.formatHex(signed.nonce()));
        return body;
    }
}
