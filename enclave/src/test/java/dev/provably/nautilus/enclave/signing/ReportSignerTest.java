package dev.provably.nautilus.enclave.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provably.nautilus.enclave.attest.AttestationSource;
import dev.provably.nautilus.report.AnalyzerReport;
import dev.provably.nautilus.report.IntentMessage;
import dev.provably.nautilus.report.MediaReport;
import dev.provably.nautilus.report.Verdict;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReportSignerTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05.678Z");

    /** Records what it was asked to attest and answers with a marker document. */
    private static final class RecordingSource implements AttestationSource {
        final List<byte[][]> calls = new ArrayList<>();

        @Override
        public byte[] attest(byte[] publicKey, byte[] userData, byte[] nonce) {
            calls.add(new byte[][] {publicKey, userData, nonce});
            return new byte[] {(byte) 0x84};
        }

        @Override
        public byte[] random(int length) {
            return new byte[length];
        }

        @Override
        public String mode() {
            return "recording";
        }
    }

    private final RecordingSource source = new RecordingSource();
    private final ReportSigner signer =
            new ReportSigner(EnclaveKey.fromSeed(new byte[32]), source, Clock.fixed(NOW, ZoneOffset.UTC));

    private static MediaReport report(byte[] hash, long length) {
        return new MediaReport(
                hash,
                length,
                "image/gif",
                Optional.empty(),
                List.of(new AnalyzerReport("provenance", "1", new byte[32], OptionalInt.empty(), "none")),
                List.of(),
                Verdict.UNKNOWN,
                "nothing-conclusive",
                new byte[32],
                Optional.empty());
    }

    @Test
    @DisplayName("signs BCS(IntentMessage) at the enclave clock and attests key, SHA-256(bytes) and nonce")
    void signsAndBinds() throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(new byte[] {1, 2, 3});
        byte[] nonce = {9, 9};
        SignedReport report = signer.sign(report(hash, 3), nonce);

        IntentMessage message = IntentMessage.fromBcs(report.reportBcs());
        assertEquals(IntentMessage.MEDIA_REPORT_INTENT, message.intent());
        assertEquals(NOW.toEpochMilli(), message.timestampMs());
        assertArrayEquals(hash, message.data().mediaSha256());
        assertEquals(report(hash, 3), message.data());

        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(report.publicKey(), 0));
        verifier.update(report.reportBcs(), 0, report.reportBcs().length);
        assertTrue(verifier.verifySignature(report.signature()));

        byte[][] call = source.calls.get(0);
        assertArrayEquals(signer.publicKey(), call[0]);
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(report.reportBcs()), call[1]);
        assertArrayEquals(nonce, call[2]);
        assertArrayEquals(nonce, report.nonce());
    }

    @Test
    @DisplayName("a registration document binds the key and nonce only")
    void attestKey() throws Exception {
        signer.attestKey(null);
        assertArrayEquals(signer.publicKey(), source.calls.get(0)[0]);
        assertNull(source.calls.get(0)[1]);
        assertNull(source.calls.get(0)[2]);
    }

    @Test
    @DisplayName("nonces must be 1..512 bytes")
    void nonceBounds() throws Exception {
        byte[] hash = new byte[32];
        assertThrows(IllegalArgumentException.class, () -> signer.sign(report(hash, 1), new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> signer.sign(report(hash, 1), new byte[513]));
        assertThrows(IllegalArgumentException.class, () -> signer.attestKey(new byte[513]));
        signer.sign(report(hash, 1), new byte[512]);
        assertEquals(1, source.calls.size());
    }
}
