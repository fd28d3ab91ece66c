package dev.provably.nautilus.enclave.server;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import dev.provably.nautilus.enclave.attest.AttestationException;
import dev.provably.nautilus.enclave.signing.ReportSigner;
import dev.provably.nautilus.enclave.signing.SignedReport;
import dev.provably.nautilus.report.Analysis;
import dev.provably.nautilus.report.MediaReport;
import dev.provably.nautilus.report.ReportJson;
import dev.provably.nautilus.report.Verdict;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/reports}: body = the media, {@code Content-Type} = its media type, query =
 * the caller's analysis ({@code detector}, {@code modelVersion}, {@code aiGeneratedBps},
 * {@code verdict}) and an optional hex {@code nonce}. Everything is validated before the body is
 * read; the body is hashed while it streams in.
 */
final class ReportsEndpoint implements Endpoint {
    static final Set<String> PARAMETERS = Set.of("detector", "modelVersion", "aiGeneratedBps", "verdict", "nonce");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,5}");
    /** Stands in for the media hash while the other fields are validated by the model itself. */
    private static final byte[] PLACEHOLDER_HASH = new byte[MediaReport.SHA256_LENGTH];

    private final ReportSigner signer;
    private final long maxBodyBytes;
    private final Metrics metrics;

    ReportsEndpoint(ReportSigner signer, long maxBodyBytes, Metrics metrics) {
        this.signer = signer;
        this.maxBodyBytes = maxBodyBytes;
        this.metrics = metrics;
    }

    @Override
    public JsonObject handle(HttpExchange exchange) throws ApiException, IOException {
        QueryParameters query = QueryParameters.parse(exchange.getRequestURI().getRawQuery(), PARAMETERS);
        String mediaType = mediaType(exchange.getRequestHeaders().getFirst("Content-Type"));
        Analysis analysis = analysis(query);
        byte[] nonce = Nonce.parse(query.optional("nonce").orElse(null));
        try {
            new MediaReport(PLACEHOLDER_HASH, 1, mediaType, analysis);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("bad_media_type", e.getMessage());
        }
        requireDeclaredLengthWithinLimit(exchange.getRequestHeaders().getFirst("Content-Length"));

        MediaDigest media = MediaDigest.of(exchange.getRequestBody(), maxBodyBytes);
        SignedReport signed;
        try {
            signed = signer.sign(new MediaReport(media.sha256(), media.length(), mediaType, analysis), nonce);
        } catch (AttestationException e) {
            throw new AttestationUnavailable(e);
        }
        metrics.reports.incrementAndGet();
        return body(signed);
    }

    /** The media type without parameters, lower-cased (media types are case-insensitive). */
    static String mediaType(String header) throws ApiException {
        if (header == null || header.isBlank()) {
            throw ApiException.badRequest("missing_content_type",
                    "Content-Type is required: it is the media type the report records");
        }
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
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

    private void requireDeclaredLengthWithinLimit(String contentLength) throws ApiException {
        if (contentLength == null) {
            return;
        }
        long declared;
        try {
            declared = Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("bad_request", "Content-Length is not a number");
        }
        if (declared > maxBodyBytes) {
            throw MediaDigest.tooLarge(maxBodyBytes);
        }
        if (declared == 0) {
            throw ApiException.badRequest("empty_body", "the request body (the media) is empty");
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
