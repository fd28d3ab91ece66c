package dev.provably.nautilus.enclave.client;

import dev.provably.nautilus.gate.AcceptedReport;
import dev.provably.nautilus.gate.ExpectedRequest;
import dev.provably.nautilus.gate.GateRejection;
import dev.provably.nautilus.gate.ReportGate;
import dev.provably.nautilus.report.Finding;
import dev.provably.nautilus.report.MediaReport;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sends each sample to the enclave for a signed report (a fresh nonce each, no declared type) and
 * puts every answer through the backend's {@link ReportGate}, which pins the analysis: what the
 * enclave itself concluded about each file, as a backend would receive it.
 */
public final class SampleReports {
    /** One sample's outcome: the accepted report, or the gate's refusal. */
    public record Outcome(Path sample, Optional<MediaReport> report, Optional<GateRejection> rejection) {}

    private final ReportRequest reports;
    private final SecureRandom random;

    public SampleReports(ReportRequest reports, SecureRandom random) {
        this.reports = reports;
        this.random = random;
    }

    /** Requests, gates and prints each sample's report; returns every outcome in order. */
    public List<Outcome> run(URI enclaveUrl, ReportGate gate, List<Path> samples, PrintStream log)
            throws LocalClientException, IOException, InterruptedException {
        List<Outcome> outcomes = new ArrayList<>();
        for (Path sample : samples) {
            byte[] nonce = new byte[LocalRun.NONCE_BYTES];
            random.nextBytes(nonce);
            byte[] response = reports.send(enclaveUrl, sample, null, Optional.of("sample"), nonce);
            try {
                AcceptedReport accepted = gate.check(response, ExpectedRequest.forMediaFile(nonce, sample));
                MediaReport report = accepted.message().data();
                log.println(sample + ": " + report.verdict() + " (rule " + report.policyRule() + ", detected "
                        + report.detectedType() + ", " + Files.size(sample) + " bytes; signed, gate accepted)");
                for (Finding f : report.findings()) {
                    log.println("  decided by " + f.key() + " = " + f.value());
                }
                outcomes.add(new Outcome(sample, Optional.of(report), Optional.empty()));
            } catch (GateRejection e) {
                log.println(sample + ": REJECTED by the gate: " + e.reason() + ": " + e.getMessage());
                outcomes.add(new Outcome(sample, Optional.empty(), Optional.of(e)));
            }
        }
        log.flush();
        return outcomes;
    }
}
