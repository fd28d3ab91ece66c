package dev.provably.nautilus.gate;

import dev.provably.nautilus.attestation.AttestationVerifier;
import dev.provably.nautilus.attestation.Expectations;
import dev.provably.nautilus.attestation.VerificationException;
import dev.provably.nautilus.attestation.VerifiedAttestation;
import dev.provably.nautilus.report.IntentMessage;
import dev.provably.nautilus.report.ReportVerificationException;
import dev.provably.nautilus.report.ReportVerifier;
import dev.provably.nautilus.report.VerifiedReport;
import java.nio.charset.CharacterCodingException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The backend's gate in front of Sui: accepts an enclave's {@code POST /v1/reports} response only
 * if every check passes, in this order:
 *
 * <ol>
 *   <li>the response is strict JSON of the documented shape ({@link GateReason#MALFORMED_RESPONSE});
 *   <li>the attestation verifies under the configured profile, trust anchor, expected PCRs, maximum
 *       age and debug policy, and binds the backend's nonce and the response's {@code publicKey}
 *       (attestation {@link GateReason reasons});
 *   <li>the attested key is a valid Ed25519 key, {@code user_data} is SHA-256 of {@code reportBcs},
 *       the Ed25519 signature verifies, and the bytes decode as a media report;
 *   <li>the signed report is about the media the backend sent ({@link GateReason#MEDIA_MISMATCH});
 *   <li>the report was produced by the expected analysis: its policy and analyzer identities are the
 *       configured ones, unless the configuration explicitly accepts any ({@link
 *       GateReason#ANALYSIS_MISMATCH});
 *   <li>the report's timestamp is within the allowed skew of the attestation's timestamp and not
 *       ahead of the gate's clock by more than that skew ({@link GateReason#REPORT_TIME_SKEW});
 *   <li>the {@code report} JSON view and the echoed {@code nonce} equal what is signed and attested
 *       ({@link GateReason#REPORT_VIEW_MISMATCH});
 *   <li>the report was not accepted before ({@link GateReason#REPLAYED}): it is remembered until its
 *       attestation's freshness window closes, after which the attestation is stale anyway.
 * </ol>
 *
 * Thread-safe when its {@link ReplayStore} is (the default is).
 */
public final class ReportGate {
    /** Largest response accepted: a maximal attestation in base64 plus the report, with room. */
    public static final int MAX_RESPONSE_BYTES = 64 * 1024;

    private final BackendConfig config;
    private final Clock clock;
    private final ReplayStore replayStore;
    private final AttestationVerifier attestationVerifier;

    private ReportGate(Builder b) {
        this.config = b.config;
        this.clock = b.clock;
        this.replayStore = b.replayStore != null
                ? b.replayStore
                : new InMemoryReplayStore(InMemoryReplayStore.DEFAULT_CAPACITY, b.clock);
        this.attestationVerifier = AttestationVerifier.builder()
                .profile(config.profile())
                .trustAnchor(config.trustAnchor())
                .clock(clock)
                .maxAge(config.maxAge())
                .allowDebug(config.allowDebug())
                .expectPcrs(config.expectedPcrs())
                .build();
    }

    /** A gate on the system clock with an in-memory replay store. */
    public static ReportGate create(BackendConfig config) {
        return builder(config).build();
    }

    public static Builder builder(BackendConfig config) {
        return new Builder(config);
    }

    /** Checks a response given as UTF-8 bytes; see {@link #check(String, ExpectedRequest)}. */
    public AcceptedReport check(byte[] responseJson, ExpectedRequest request) throws GateRejection {
        Objects.requireNonNull(responseJson, "responseJson");
        Objects.requireNonNull(request, "request");
        if (responseJson.length > MAX_RESPONSE_BYTES) {
            throw tooLarge(responseJson.length);
        }
        String text;
        try {
            text = StrictJson.utf8(responseJson);
        } catch (CharacterCodingException e) {
            throw new GateRejection(GateReason.MALFORMED_RESPONSE, "the response is not valid UTF-8");
        }
        return check(text, request);
    }

    /**
     * Checks a response to the request described by {@code request}: the attestation must carry
     * exactly its nonce ({@link GateReason#NONCE_MISMATCH}) and the signed report must be about
     * exactly its media ({@link GateReason#MEDIA_MISMATCH}).
     *
     * @return the accepted report, recorded against replay
     * @throws GateRejection naming the first check that failed
     */
    public AcceptedReport check(String responseJson, ExpectedRequest request) throws GateRejection {
        Objects.requireNonNull(responseJson, "responseJson");
        Objects.requireNonNull(request, "request");
        if (responseJson.length() > MAX_RESPONSE_BYTES) {
            throw tooLarge(responseJson.length());
        }
        ReportResponse response = ReportResponse.parse(responseJson);

        Expectations expectations =
                Expectations.none().withPublicKey(response.publicKey()).withNonce(request.nonce());
        VerifiedAttestation attestation;
        try {
            attestation = attestationVerifier.verify(response.attestation(), expectations);
        } catch (VerificationException e) {
            throw new GateRejection(GateReason.of(e.reason()), "attestation: " + e.getMessage(), e);
        }

        VerifiedReport report;
        try {
            report = ReportVerifier.verify(attestation, response.reportBcs(), response.signature());
        } catch (ReportVerificationException e) {
            throw new GateRejection(GateReason.of(e.reason()), e.getMessage(), e);
        }

        if (!MessageDigest.isEqual(report.message().data().mediaSha256(), request.mediaSha256())) {
            throw new GateRejection(
                    GateReason.MEDIA_MISMATCH,
                    "the signed report is about media with SHA-256 "
                            + HexFormat.of().formatHex(report.message().data().mediaSha256())
                            + ", not the media this backend sent ("
                            + HexFormat.of().formatHex(request.mediaSha256()) + ")");
        }

        Optional<String> otherAnalysis = config.expectedAnalysis()
                .flatMap(expected -> expected.mismatch(report.message().data()));
        if (otherAnalysis.isPresent()) {
            throw new GateRejection(GateReason.ANALYSIS_MISMATCH, otherAnalysis.get());
        }

        checkTime(report.message(), attestation);

        try {
            ReportView.check(response.view(), report.message());
        } catch (StrictJson.ShapeException e) {
            throw new GateRejection(GateReason.REPORT_VIEW_MISMATCH, e.getMessage());
        }
        Optional<byte[]> attestedNonce = attestation.nonce();
        Optional<byte[]> statedNonce = response.nonce();
        boolean nonceMatches = statedNonce.isEmpty()
                ? attestedNonce.isEmpty()
                : attestedNonce.isPresent() && Arrays.equals(statedNonce.get(), attestedNonce.get());
        if (!nonceMatches) {
            throw new GateRejection(
                    GateReason.REPORT_VIEW_MISMATCH, "the response's nonce differs from the attested nonce");
        }

        Instant expiresAt = attestation.timestamp().plus(config.maxAge()).plus(config.maxReportSkew());
        // The replay key is SHA-256 of the signed bytes: the attested user_data, which ReportVerifier
        // has just checked equals it, so there is nothing to hash again.
        byte[] reportDigest = attestation.userData().orElseThrow();
        switch (replayStore.record(reportDigest, expiresAt)) {
            case RECORDED -> {
                return new AcceptedReport(report);
            }
            case REPLAYED -> throw new GateRejection(GateReason.REPLAYED, "this report was already accepted (replay)");
            case FULL ->
                throw new GateRejection(
                        GateReason.REPLAY_STORE_FULL,
                        "the replay store is full; refusing rather than forgetting a report");
            case UNAVAILABLE ->
                throw new GateRejection(
                        GateReason.REPLAY_STORE_UNAVAILABLE,
                        "the shared replay store cannot be reached; refusing rather than risking a replay");
            default -> throw new IllegalStateException("unknown replay outcome");
        }
    }

    private void checkTime(IntentMessage message, VerifiedAttestation attestation) throws GateRejection {
        long skew = config.maxReportSkew().toMillis();
        long reportMs = message.timestampMs();
        long attestedMs = attestation.timestampMillis();
        // Math.abs cannot overflow: both are within 0..2^63 - 1.
        if (Math.abs(reportMs - attestedMs) > skew) {
            throw new GateRejection(
                    GateReason.REPORT_TIME_SKEW,
                    "report timestamp " + reportMs + " ms is more than " + skew + " ms from the attestation's "
                            + attestedMs);
        }
        long nowMs = clock.millis();
        if (reportMs > nowMs && reportMs - nowMs > skew) {
            throw new GateRejection(
                    GateReason.REPORT_TIME_SKEW,
                    "report timestamp " + reportMs + " ms is more than " + skew + " ms ahead of the gate's clock "
                            + nowMs);
        }
        // A report far in the past cannot get here: its attestation, within the skew of it, is stale.
    }

    private static GateRejection tooLarge(int length) {
        return new GateRejection(
                GateReason.MALFORMED_RESPONSE, "the response is " + length + " long, more than " + MAX_RESPONSE_BYTES);
    }

    /** Chooses the clock and the replay store. */
    public static final class Builder {
        private final BackendConfig config;
        private Clock clock = Clock.systemUTC();
        private ReplayStore replayStore;

        private Builder(BackendConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** The time attestations, reports and (by default) replay entries are judged against. */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Where accepted reports are remembered; default an {@link InMemoryReplayStore} on the clock. */
        public Builder replayStore(ReplayStore value) {
            replayStore = Objects.requireNonNull(value, "replayStore");
            return this;
        }

        public ReportGate build() {
            return new ReportGate(this);
        }
    }
}
