package dev.provably.nautilus.gate;

import dev.provably.nautilus.attestation.VerifiedAttestation;
import dev.provably.nautilus.report.IntentMessage;
import dev.provably.nautilus.report.VerifiedReport;

/**
 * An enclave report that passed every check of the {@link ReportGate}. Only the gate creates these.
 * Immutable; byte arrays are copied out.
 */
public final class AcceptedReport {
    private final VerifiedReport report;

    AcceptedReport(VerifiedReport report) {
        this.report = report;
    }

    /** The report, decoded from the signed bytes (never from the response's JSON view). */
    public IntentMessage message() {
        return report.message();
    }

    /** The exact signed bytes, {@code BCS(IntentMessage)}: what a Move contract reconstructs. */
    public byte[] reportBcs() {
        return report.signedBytes();
    }

    /** The 64-byte Ed25519 signature. */
    public byte[] signature() {
        return report.signature();
    }

    /** The enclave's 32-byte Ed25519 public key, as attested. */
    public byte[] publicKey() {
        return report.publicKey();
    }

    /** The verified attestation that binds the key and the report. */
    public VerifiedAttestation attestation() {
        return report.attestation();
    }

    @Override
    public String toString() {
        return "AcceptedReport[" + report.message() + "]";
    }
}
