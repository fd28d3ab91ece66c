package dev.provably.nautilus.enclave.client;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import dev.provably.nautilus.enclave.local.LocalMeasurements;
import dev.provably.nautilus.gate.ExpectedAnalysis;
import dev.provably.nautilus.gate.GateRejection;
import dev.provably.nautilus.gate.ReportResponse;
import dev.provably.nautilus.report.IntentMessage;
import dev.provably.nautilus.report.MalformedReportException;
import dev.provably.nautilus.report.MediaReport;
import dev.provably.nautilus.report.ReportJson;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The client half of a local run, step by step: both health checks, one report request with a
 * fresh nonce, the backend config, and the two responses a gate must refuse. Writes into {@code out}:
 * {@code response.json} (the enclave's answer, byte for byte), {@code nonce.hex}, {@code
 * stack-outputs.json}, {@code tampered.json} and {@code replayed.json} (the answer again).
 */
public final class LocalRun {
    /** 32 bytes: as unguessable as the report key's seed, well inside the 512-byte limit. */
    static final int NONCE_BYTES = 32;

    public static final String RESPONSE = "response.json";
    public static final String NONCE = "nonce.hex";
    public static final String CONFIG = "stack-outputs.json";
    public static final String TAMPERED = "tampered.json";
    public static final String REPLAYED = "replayed.json";
    public static final String ANALYSIS_JOB = "analysis-job.json";

    private final HealthProbe health;
    private final ReportRequest reports;
    private final AnalysisJob jobs;
    private final SecureRandom random;

    public LocalRun(HealthProbe health, ReportRequest reports, AnalysisJob jobs, SecureRandom random) {
        this.health = Objects.requireNonNull(health, "health");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * What to ask for. {@code measurements} are the expected PCRs: they must be those of the artifact
     * the enclave runs ({@link LocalMeasurements#ofRunningArtifact()} when this runs from that jar).
     */
    public record Settings(
            URI enclaveUrl,
            URI healthUrl,
            Path media,
            String mediaType,
            Optional<String> reference,
            Path devRoot,
            LocalMeasurements measurements,
            ExpectedAnalysis expectedAnalysis,
            Path out) {
        public Settings {
            Objects.requireNonNull(enclaveUrl, "enclaveUrl");
            Objects.requireNonNull(healthUrl, "healthUrl");
            Objects.requireNonNull(media, "media");
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(expectedAnalysis, "expectedAnalysis");
            Objects.requireNonNull(devRoot, "devRoot");
            Objects.requireNonNull(measurements, "measurements");
            Objects.requireNonNull(out, "out");
        }
    }

    /** The files written and the nonce sent. */
    public record Result(byte[] nonce, Path response, Path config, Path tampered, Path replayed) {
        public Result {
            nonce = nonce.clone();
        }

        @Override
        public byte[] nonce() {
            return nonce.clone();
        }
    }

    public Result run(Settings settings, PrintStream log)
            throws LocalClientException, IOException, InterruptedException {
        Files.createDirectories(settings.out());
        String devRootPem = readDevRoot(settings.devRoot());

        URI enclaveHealth = URI.create(settings.enclaveUrl().toString().replaceAll("/+$", "") + "/health");
        requireHealthy(health.check(enclaveHealth, "ok"), "enclave", log);
        requireHealthy(health.check(settings.healthUrl(), "healthy"), "host", log);

        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        Path nonceFile = settings.out().resolve(NONCE);
        OutputFiles.write(nonceFile, (HexFormat.of().formatHex(nonce) + "\n").getBytes(StandardCharsets.US_ASCII));
        log.println("  nonce     " + HexFormat.of().formatHex(nonce) + " (" + NONCE_BYTES + " fresh random bytes)");

        log.println("  request   POST " + settings.enclaveUrl() + "/v1/reports  " + settings.media() + " ("
                + settings.mediaType() + ", " + Files.size(settings.media()) + " bytes"
                + settings.reference().map(r -> ", reference " + r).orElse("") + ")");
        log.println("            the enclave analyses the media itself; the request carries no analysis");
        long started = System.nanoTime();
        byte[] response = reports.send(
                settings.enclaveUrl(), settings.media(), settings.mediaType(), settings.reference(), nonce);
        long millis = (System.nanoTime() - started) / 1_000_000;
        Path responseFile = settings.out().resolve(RESPONSE);
        OutputFiles.write(responseFile, response);
        log.println("  response  HTTP 200 in " + millis + " ms, " + response.length + " bytes -> " + responseFile);
        log.println("            verdict " + verdictOf(response));

        followJob(settings, response, log);

        Path configFile = settings.out().resolve(CONFIG);
        LocalBackendConfig.write(
                configFile,
                settings.enclaveUrl(),
                settings.healthUrl(),
                settings.measurements(),
                settings.expectedAnalysis(),
                devRootPem);
        log.println("  config    " + configFile + " (backendConfig: profile sui, maxAgeSeconds 300,"
                + " allowDebug false, region local, trust anchor = the dev root)");
        for (int index : LocalBackendConfig.EXPECTED_PCRS) {
            log.println("            expected PCR" + index + " "
                    + HexFormat.of().formatHex(settings.measurements().pcr(index)));
        }
        log.println("            expected analysis policy "
                + HexFormat.of().formatHex(settings.expectedAnalysis().policyIdentity()));
        settings.expectedAnalysis()
                .analyzers()
                .forEach((name, id) -> log.println("            expected analyzer " + name + " "
                        + HexFormat.of().formatHex(id)));

        ResponseTamper.Tampered tampered = ResponseTamper.changeVerdict(response);
        Path tamperedFile = settings.out().resolve(TAMPERED);
        OutputFiles.write(tamperedFile, tampered.response());
        log.println("  tampered  verdict " + tampered.from() + " -> " + tampered.to() + ": byte " + tampered.byteIndex()
                + " of reportBcs changed, report view rewritten to match -> " + tamperedFile);

        Path replayedFile = settings.out().resolve(REPLAYED);
        OutputFiles.write(replayedFile, response);
        log.println("  replayed  the same response again -> " + replayedFile);
        log.flush();
        return new Result(nonce, responseFile, configFile, tamperedFile, replayedFile);
    }

    /** The same media through the job queue, followed to the end; it must report the same media. */
    private void followJob(Settings settings, byte[] response, PrintStream log)
            throws LocalClientException, IOException, InterruptedException {
        log.println("  job       POST " + settings.enclaveUrl() + "/v1/analyses  (the same media, asynchronously)");
        AnalysisJob.Outcome job =
                jobs.follow(settings.enclaveUrl(), settings.media(), settings.mediaType(), settings.reference());
        Path jobFile = settings.out().resolve(ANALYSIS_JOB);
        OutputFiles.write(
                jobFile,
                new GsonBuilder()
                        .setPrettyPrinting()
                        .serializeNulls()
                        .disableHtmlEscaping()
                        .create()
                        .toJson(job.result())
                        .getBytes(StandardCharsets.UTF_8));
        JsonElement expected = ReportJson.view(signedReport(response)).get("media");
        JsonElement media = ReportJson.view(signedReport(job.result().toString().getBytes(StandardCharsets.UTF_8)))
                .get("media");
        if (!expected.equals(media)) {
            throw new LocalClientException("job " + job.id() + " reported other media: " + media);
        }
        log.println("            202 id " + job.id() + ", position " + job.position() + "; done after " + job.polls()
                + " poll(s), " + job.millis() + " ms; signed report on the same media -> " + jobFile);
    }

    /** The signed verdict, deciding rule and detected type, decoded from the response's reportBcs. */
    private static String verdictOf(byte[] response) throws LocalClientException {
        MediaReport report = signedReport(response).data();
        return report.verdict() + " (rule " + report.policyRule() + ", detected " + report.detectedType() + ")";
    }

    /** The report a response carries, read with the gate's codec and decoded from its signed bytes. */
    private static IntentMessage signedReport(byte[] response) throws LocalClientException {
        try {
            return IntentMessage.fromBcs(ReportResponse.parse(new String(response, StandardCharsets.UTF_8))
                    .reportBcs());
        } catch (GateRejection | MalformedReportException e) {
            throw new LocalClientException("the enclave's answer is not a report response: " + e.getMessage(), e);
        }
    }

    private static void requireHealthy(HealthProbe.Health result, String what, PrintStream log)
            throws LocalClientException {
        log.println("  health    " + what + " " + result.describe());
        if (!result.healthy()) {
            throw new LocalClientException("the " + what + " is not healthy: " + result.describe());
        }
    }

    private static String readDevRoot(Path devRoot) throws LocalClientException, IOException {
        if (!Files.isRegularFile(devRoot)) {
            throw new LocalClientException(
                    "no development root certificate at " + devRoot + " (serve --local --dev-root-out writes it)");
        }
        String pem = Files.readString(devRoot, StandardCharsets.US_ASCII);
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new LocalClientException(devRoot + " is not a PEM certificate");
        }
        return pem;
    }
}
