package dev.provably.nautilus.attestation;

import static dev.provably.nautilus.attestation.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The genuine documents of INDEX.md, each at its pinned time, under both profiles. */
class RealDocumentsTest {
    private static final String CRL_DISTRIBUTION_POINTS = "2.5.29.31";

    static Stream<Arguments> everyDocumentUnderEveryProfile() {
        List<Arguments> cases = new ArrayList<>();
        for (Vectors vector : Vectors.GENUINE) {
            for (Profile profile : Profile.values()) {
                cases.add(Arguments.of(vector, profile));
            }
        }
        return cases.stream();
    }

    static Stream<Vectors> genuine() {
        return Vectors.GENUINE.stream();
    }

    private static AttestationVerifier verifier(Profile profile, boolean allowDebug, long atMillis) {
        return AttestationVerifier.builder()
                .anyEnclaveImage()
                .profile(profile)
                .allowDebug(allowDebug)
                .clock(Vectors.at(atMillis))
                .build();
    }

    /** NSM profile with debug allowed: every genuine document passes every non-time rule. */
    private static AttestationVerifier lenient(long atMillis, Duration maxAge) {
        return AttestationVerifier.builder()
                .anyEnclaveImage()
                .profile(Profile.NSM)
                .allowDebug(true)
                .maxAge(maxAge)
                .clock(Vectors.at(atMillis))
                .build();
    }

    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("everyDocumentUnderEveryProfile")
    @AttestationRule({"C5", "X2", "F9", "F10"})
    @DisplayName("INDEX.md table: each document at its timestamp, debug allowed where it needs it")
    void indexTable(Vectors vector, Profile profile) throws VerificationException {
        AttestationVerifier verifier = verifier(profile, vector.debug(), vector.timestampMillis());
        Reason expected = vector.expected(profile);
        if (expected != null) {
            assertRejected(expected, () -> verifier.verify(vector.bytes()));
            return;
        }
        VerifiedAttestation verified = verifier.verify(vector.bytes());
        assertEquals(vector.timestampMillis(), verified.timestampMillis());
        assertEquals(vector.debug(), verified.debug());
        assertEquals(profile, verified.profile());
        assertEquals("SHA384", verified.digest());
        assertEquals(4, verified.caBundle().size());
        assertEquals(
                TrustAnchor.awsNitroRootG1().certificate(), verified.caBundle().get(0));
        assertArrayEquals(vector.bytes(), verified.document());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("genuine")
    @AttestationRule("P1")
    @DisplayName("debug documents are rejected as DEBUG_ENCLAVE unless allowed; others pass without it")
    void debugRequiresPermission(Vectors vector) throws VerificationException {
        AttestationVerifier strict = verifier(Profile.NSM, false, vector.timestampMillis());
        if (vector.debug()) {
            assertRejected(Reason.DEBUG_ENCLAVE, () -> strict.verify(vector.bytes()));
        } else {
            assertFalse(strict.verify(vector.bytes()).debug());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("genuine")
    @AttestationRule({"X4", "T1"})
    @DisplayName("one second outside the chain's valid window is CERTIFICATE_NOT_VALID_AT_TIME")
    void outsideTheWindow(Vectors vector) {
        Duration relaxed = Duration.ofDays(1);
        assertRejected(Reason.CERTIFICATE_NOT_VALID_AT_TIME, () -> lenient(vector.windowStartMillis() - 1, relaxed)
                .verify(vector.bytes()));
        assertRejected(Reason.CERTIFICATE_NOT_VALID_AT_TIME, () -> lenient(vector.windowEndMillis() + 1, relaxed)
                .verify(vector.bytes()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("genuine")
    @AttestationRule({"X4", "T5"})
    @DisplayName("the window's edges are inside: the end (…999 ms) passes; at the start only freshness may object")
    void windowEdgesAreInclusive(Vectors vector) throws VerificationException {
        lenient(vector.windowEndMillis(), Duration.ofDays(1)).verify(vector.bytes());
        AttestationVerifier atStart = lenient(vector.windowStartMillis(), Duration.ofDays(1));
        if (vector.timestampMillis() - vector.windowStartMillis() <= 30_000) {
            atStart.verify(vector.bytes());
        } else {
            // The chain passed (it is checked first); the timestamp is beyond the 30 s allowance.
            assertRejected(Reason.FROM_FUTURE, () -> atStart.verify(vector.bytes()));
        }
    }

    @Test
    @AttestationRule("T6")
    @DisplayName("a clock 30 s behind the document, inside the future allowance, still fails the chain for 13 of 18")
    void futureAllowanceDoesNotWidenValidity() throws VerificationException {
        int chainFailures = 0;
        for (Vectors vector : Vectors.GENUINE) {
            long behind = vector.timestampMillis() - 30_000;
            AttestationVerifier verifier = lenient(behind, Duration.ofMinutes(5));
            if (vector.windowStartMillis() > behind) {
                assertRejected(Reason.CERTIFICATE_NOT_VALID_AT_TIME, () -> verifier.verify(vector.bytes()));
                chainFailures++;
            } else {
                verifier.verify(vector.bytes());
            }
        }
        // The leaf usually starts about 3 s before the document timestamp (INDEX.md windows).
        assertEquals(13, chainFailures);
    }

    @Test
    @AttestationRule("X8")
    @DisplayName("revocation is not checked: the intermediates advertise CRL distribution points, verified offline")
    void revocationNotChecked() throws VerificationException {
        VerifiedAttestation verified =
                lenient(Vectors.WEATHER_TIMESTAMP, Duration.ofMinutes(5)).verify(Vectors.read(Vectors.WEATHER));
        List<X509Certificate> withCrlPoints = verified.caBundle().stream()
                .filter(certificate -> certificate.getExtensionValue(CRL_DISTRIBUTION_POINTS) != null)
                .toList();
        assertFalse(withCrlPoints.isEmpty(), "the genuine bundle advertises no CRL distribution point");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("genuine")
    @AttestationRule("P2")
    @DisplayName("a wrong expected PCR0 is PCR_MISMATCH, the right one passes")
    void expectedPcr(Vectors vector) throws VerificationException {
        AttestationVerifier plain = verifier(Profile.NSM, true, vector.timestampMillis());
        byte[] pcr0 = plain.verify(vector.bytes()).pcr(0).orElseThrow();
        AttestationVerifier.builder()
                .profile(Profile.NSM)
                .allowDebug(true)
                .clock(Vectors.at(vector.timestampMillis()))
                .expectPcr(0, pcr0)
                .build()
                .verify(vector.bytes());
        byte[] wrong = pcr0.clone();
        wrong[wrong.length - 1] ^= 1;
        AttestationVerifier expectingWrong = AttestationVerifier.builder()
                .profile(Profile.NSM)
                .allowDebug(true)
                .clock(Vectors.at(vector.timestampMillis()))
                .expectPcr(0, wrong)
                .build();
        assertRejected(Reason.PCR_MISMATCH, () -> expectingWrong.verify(vector.bytes()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("genuine")
    @AttestationRule("T2")
    @DisplayName("verifyArchived checks the chain at the document's own time, whatever the clock says")
    void archived(Vectors vector) throws VerificationException {
        AttestationVerifier muchLater =
                lenient(Instant.parse("2100-01-01T00:00:00Z").toEpochMilli(), Duration.ofMinutes(5));
        assertRejected(Reason.CERTIFICATE_NOT_VALID_AT_TIME, () -> muchLater.verify(vector.bytes()));
        assertEquals(
                vector.timestampMillis(),
                muchLater.verifyArchived(vector.bytes()).timestampMillis());
    }

    @Test
    @AttestationRule({"F9", "F10"})
    @DisplayName("under SUI the three oversize documents fail on the field named by INDEX.md, even with debug allowed")
    void suiSizeFailures() {
        for (String file : List.of("blocky-20240907-prod-maxfields.cbor", "blocky-20240907-debug-maxfields.cbor")) {
            Vectors vector = Vectors.named(file);
            VerificationException e =
                    assertRejected(Reason.FIELD_INVALID, () -> verifier(Profile.SUI, true, vector.timestampMillis())
                            .verify(vector.bytes()));
            assertEquals("user_data must be 0..512 bytes under profile SUI, got 1024", e.getMessage());
        }
        Vectors hf = Vectors.named("hf-nitrite-20211028-debug.cbor");
        VerificationException e =
                assertRejected(Reason.FIELD_INVALID, () -> verifier(Profile.SUI, true, hf.timestampMillis())
                        .verify(hf.bytes()));
        assertEquals("public_key must be 1..1024 bytes under profile SUI, got 0", e.getMessage());
    }

    @Nested
    @DisplayName("negative files")
    class NegativeFiles {
        @ParameterizedTest
        @EnumSource(Profile.class)
        @AttestationRule("C3")
        @DisplayName("blocky's self-signed mock is rejected: its unprotected header is null")
        void selfSigned(Profile profile) {
            AttestationVerifier verifier = verifier(profile, true, 1713379906000L);
            assertRejected(Reason.MALFORMED, () -> verifier.verify(Vectors.read("neg-blocky-selfsigned.cbor")));
        }

        @ParameterizedTest
        @EnumSource(Profile.class)
        @AttestationRule("F6")
        @DisplayName("a genuine NitroTPM document is rejected for its missing pcrs, though its chain is valid then")
        void nitroTpm(Profile profile) {
            AttestationVerifier verifier = verifier(profile, true, 1770113522437L);
            VerificationException e = assertRejected(
                    Reason.FIELD_INVALID,
                    () -> verifier.verify(Vectors.read("neg-vaportpm-nitrotpm-not-enclave.cbor")));
            assertTrue(e.getMessage().startsWith("pcrs is missing"), e.getMessage());
        }
    }

    @Nested
    @DisplayName("time-based negatives of INDEX.md on nautilus-20250415-weather.cbor")
    class WeatherTimes {
        private final byte[] weather = Vectors.read(Vectors.WEATHER);
        private final long ts = Vectors.WEATHER_TIMESTAMP;

        private AttestationVerifier at(long millis) {
            return AttestationVerifier.builder()
                    .anyEnclaveImage()
                    .clock(Vectors.at(millis))
                    .build();
        }

        private AttestationVerifier relaxedAt(long millis) {
            return AttestationVerifier.builder()
                    .anyEnclaveImage()
                    .clock(Vectors.at(millis))
                    .maxAge(Duration.ofDays(1))
                    .build();
        }

        @Test
        @AttestationRule("T1")
        @DisplayName("passes at its timestamp and at the source's test clock 1744684007462")
        void passesAtPinnedTimes() throws VerificationException {
            at(ts).verify(weather);
            VerifiedAttestation verified = at(1744684007462L).verify(weather);
            assertEquals(32, verified.publicKey().orElseThrow().length);
            assertTrue(verified.userData().isEmpty());
            assertTrue(verified.nonce().isEmpty());
            assertEquals(16, verified.pcrs().size());
        }

        @Test
        @AttestationRule({"T1", "X4"})
        @DisplayName("chain: valid at +5 and +10 min, invalid at ±3 h and -10 min")
        void chainWindow() throws VerificationException {
            relaxedAt(ts + 300_000).verify(weather);
            relaxedAt(ts + 600_000).verify(weather);
            assertRejected(Reason.CERTIFICATE_NOT_VALID_AT_TIME, () -> relaxedAt(1744694723696L)
                    .verify(weather));
            assertRejected(Reason.CERTIFICATE_NOT_VALID_AT_TIME, () -> relaxedAt(1744673123696L)
                    .verify(weather));
            assertRejected(Reason.CERTIFICATE_NOT_VALID_AT_TIME, () -> relaxedAt(1744683323696L)
                    .verify(weather));
        }

        @Test
        @AttestationRule({"T4", "T5"})
        @DisplayName("whole-second edge: OK at notAfter and notAfter + 500 ms, rejected at notAfter + 1 s")
        void wholeSecondEdge() throws VerificationException {
            relaxedAt(1744694270000L).verify(weather);
            relaxedAt(1744694270500L).verify(weather);
            relaxedAt(1744694270999L).verify(weather);
            assertRejected(Reason.CERTIFICATE_NOT_VALID_AT_TIME, () -> relaxedAt(1744694271000L)
                    .verify(weather));
        }

        @Test
        @AttestationRule({"X4", "T4"})
        @DisplayName("window start 1744683467000 passes the chain, one millisecond earlier does not")
        void windowStart() {
            assertRejected(Reason.FROM_FUTURE, () -> relaxedAt(1744683467000L).verify(weather));
            assertRejected(Reason.CERTIFICATE_NOT_VALID_AT_TIME, () -> relaxedAt(1744683466999L)
                    .verify(weather));
        }

        @Test
        @AttestationRule("T3")
        @DisplayName("max age 5 min is inclusive: OK at +5 min, STALE at +5 min + 1 ms")
        void maxAgeEdge() throws VerificationException {
            at(ts + 300_000).verify(weather);
            assertRejected(Reason.STALE, () -> at(ts + 300_001).verify(weather));
            assertRejected(Reason.STALE, () -> at(ts + 600_000).verify(weather));
        }

        @Test
        @AttestationRule("T3")
        @DisplayName("future allowance 30 s is inclusive: OK at -30 s, FROM_FUTURE at -31 s")
        void futureEdge() throws VerificationException {
            at(ts - 30_000).verify(weather);
            assertRejected(Reason.FROM_FUTURE, () -> at(ts - 30_001).verify(weather));
            assertRejected(Reason.FROM_FUTURE, () -> at(1744683892696L).verify(weather));
        }
    }
}
