package dev.provably.nautilus.enclave.server;

import com.google.gson.JsonObject;
import dev.provably.nautilus.enclave.analysis.AnalysisRun;
import dev.provably.nautilus.enclave.attest.AttestationException;
import dev.provably.nautilus.enclave.http.ApiException;
import dev.provably.nautilus.enclave.http.ApiRequest;
import dev.provably.nautilus.enclave.metrics.AnalysisTimes;
import dev.provably.nautilus.enclave.signing.ReportSigner;
import dev.provably.nautilus.enclave.signing.SignedReport;
import dev.provably.nautilus.gate.ReportResponse;
import dev.provably.nautilus.report.MediaReport;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The work behind a report, in two calls shared by {@code POST /v1/reports} (synchronous) and the
 * job queue ({@code POST /v1/analyses}): {@link #accept} validates a request without touching the
 * media (cheap, before anything is queued), {@link #run} hashes and analyses the media with the
 * image's own analyzers, signs and attests the report and returns the response body. What the
 * enclave computes changes here and nowhere else.
 *
 * <p>Request: body = the media; {@code Content-Type} = its declared type (optional; recorded only
 * when it differs from the type detected from the bytes); query = an optional hex {@code nonce} and
 * an optional opaque {@code reference} (1..64 of {@code [A-Za-z0-9._:-]}), the only caller value a
 * report carries. The analysis parameters of report v1 are refused: the enclave computes the
 * analysis it signs.
 */
final class ReportPipeline {
    static final Set<String> PARAMETERS = Set.of("nonce", "reference");
    /** Report v1's query parameters, by which the caller chose the analysis; refused with a 400 saying why. */
    static final Set<String> CALLER_ANALYSIS = Set.of("detector", "modelVersion", "aiGeneratedBps", "verdict");
    /** Both, so that a v1 parameter is recognised (and refused with its own code), not "unknown". */
    private static final Set<String> KNOWN =
            Stream.concat(PARAMETERS.stream(), CALLER_ANALYSIS.stream()).collect(Collectors.toUnmodifiableSet());

    /** A validated request, ready to run; holds the media (shared with the request, never modified). */
    record Submission(byte[] media, Optional<String> declaredType, Optional<String> reference, byte[] nonce) {
        /** The memory the submission holds while it waits. */
        long bytes() {
            return media.length;
        }
    }

    private final ReportSigner signer;
    private final AnalysisRun analysis;
    private final Metrics metrics;
    private final AnalysisTimes times;

    ReportPipeline(ReportSigner signer, AnalysisRun analysis, Metrics metrics, AnalysisTimes times) {
        this.signer = signer;
        this.analysis = analysis;
        this.metrics = metrics;
        this.times = times;
    }

    /** Validates the query, headers and body; refuses with a 4xx before any work is done. */
    Submission accept(ApiRequest request) throws ApiException {
        QueryParameters query = QueryParameters.parse(request.rawQuery(), KNOWN);
        List<String> refused = CALLER_ANALYSIS.stream()
                .filter(name -> query.optional(name).isPresent())
                .sorted()
                .toList();
        if (!refused.isEmpty()) {
            throw ApiException.badRequest(
                    "caller_analysis_refused",
                    "the enclave computes the analysis it signs (report v2); it does not take "
                            + String.join(", ", refused) + " from the caller");
        }
        Optional<String> declaredType =
                declaredType(request.header("Content-Type").orElse(null));
        Optional<String> reference = query.optional("reference");
        if (reference.isPresent() && !MediaReport.isCallerReference(reference.get())) {
            throw ApiException.badRequest(
                    "bad_reference",
                    "reference must be 1.." + MediaReport.MAX_REFERENCE_BYTES + " of [A-Za-z0-9._:-], got "
                            + ApiException.quote(reference.get()));
        }
        byte[] nonce = Nonce.parse(query.optional("nonce").orElse(null));
        if (request.body().length == 0) {
            throw ApiException.badRequest("empty_body", "the request body (the media) is empty");
        }
        return new Submission(request.body(), declaredType, reference, nonce);
    }

    /** Measures and analyses the media, signs the report and has it attested: the response body of a report. */
    JsonObject run(Submission submission) throws ApiException {
        MediaDigest media = MediaDigest.of(submission.media());
        AnalysisRun.Analysis computed = analysis.analyze(submission.media());
        computed.outcomes().forEach(o -> times.record(o.analyzer().name(), Duration.ofNanos(o.nanos())));
        SignedReport signed;
        try {
            signed = signer.sign(
                    computed.toReport(
                            media.sha256(), media.length(), submission.declaredType(), submission.reference()),
                    submission.nonce());
        } catch (AttestationException e) {
            throw new AttestationUnavailable(e);
        }
        metrics.reports.incrementAndGet();
        return body(signed);
    }

    /**
     * The declared media type without parameters, lower-cased (media types are case-insensitive), or
     * empty without a {@code Content-Type}. Form and multipart bodies are refused: they wrap the
     * file, and the enclave would analyse the wrapper.
     */
    static Optional<String> declaredType(String header) throws ApiException {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        int semicolon = header.indexOf(';');
        String type =
                (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        if (type.equals("application/x-www-form-urlencoded") || type.startsWith("multipart/")) {
            throw new ApiException(
                    415,
                    "unsupported_media_type",
                    "the body is " + type
                            + ", an envelope around the file, and the enclave would analyse the envelope; post the file's raw"
                            + " bytes with its own type, e.g. curl --data-binary @photo.jpg -H 'Content-Type: image/jpeg' URL");
        }
        if (!MediaReport.isMediaType(type)) {
            throw ApiException.badRequest(
                    "bad_media_type",
                    "Content-Type must be type/subtype in RFC 6838 names, got " + ApiException.quote(type));
        }
        return Optional.of(type);
    }

    /** The answer, written by the gate's own codec of it. */
    private static JsonObject body(SignedReport signed) {
        return ReportResponse.of(
                        signed.message(),
                        signed.reportBcs(),
                        signed.signature(),
                        signed.publicKey(),
                        signed.attestation(),
                        signed.nonce())
                .toJsonTree();
    }
}
