package dev.provably.nautilus.enclave;

import dev.provably.nautilus.cli.Converters;
import dev.provably.nautilus.enclave.analysis.AnalysisRun;
import dev.provably.nautilus.enclave.client.AnalysisJob;
import dev.provably.nautilus.enclave.client.GateExpectations;
import dev.provably.nautilus.enclave.client.GateOutputPrinter;
import dev.provably.nautilus.enclave.client.HealthProbe;
import dev.provably.nautilus.enclave.client.LocalClientException;
import dev.provably.nautilus.enclave.client.LocalRun;
import dev.provably.nautilus.enclave.client.ReportRequest;
import dev.provably.nautilus.enclave.client.SampleReports;
import dev.provably.nautilus.enclave.local.LocalMeasurements;
import dev.provably.nautilus.gate.BackendConfig;
import dev.provably.nautilus.gate.ExpectedAnalysis;
import dev.provably.nautilus.gate.GateOutputLine;
import dev.provably.nautilus.gate.ReportGate;
import dev.provably.nautilus.report.MediaReport;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code local-client}: the backend's side of a local run (see {@link LocalRun}), and {@code
 * local-client show}, which prints the verifier gate's output for a person. The expected PCRs come
 * from {@link LocalMeasurements#ofRunningArtifact()}, so this must run from the same jar, on the
 * same Java runtime, as {@code serve --local}.
 */
@Command(
        name = "local-client",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        header = "the backend's side of a local run (./run-local drives it)",
        descriptionHeading = "%n",
        description = "Checks the local enclave's health, asks it for a signed report on the media and writes what"
                + " the backend would keep (responses, nonce, backend config) to --out, for the verifier's gate.")
final class LocalClientCommand implements Callable<Integer> {
    private final PrintStream out;

    @Option(
            names = "--enclave-url",
            paramLabel = "URL",
            converter = Converters.HttpUrl.class,
            description = "the local enclave (serve --local) (required)")
    URI enclaveUrl;

    @Option(
            names = "--health-url",
            paramLabel = "URL",
            converter = Converters.HttpUrl.class,
            description = "the host health server's /health (host --local) (required)")
    URI healthUrl;

    @Option(
            names = "--media",
            paramLabel = "FILE",
            converter = Converters.NonEmptyPath.class,
            description = "the media to ask a report about (required)")
    Path media;

    @Option(
            names = "--dev-root",
            paramLabel = "PEM",
            converter = Converters.NonEmptyPath.class,
            description = "the development root certificate (serve --dev-root-out) (required)")
    Path devRoot;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            converter = Converters.NonEmptyPath.class,
            description = "where to write the run's files (required)")
    Path outDir;

    @Option(
            names = "--media-type",
            paramLabel = "TYPE",
            description = "the media's type (default: from the file name's extension)")
    String mediaType;

    @Option(
            names = "--reference",
            paramLabel = "REF",
            description = "the opaque reference a backend attaches for correlation (default: "
                    + LocalClientCommand.DEFAULT_REFERENCE + ")")
    String reference = LocalClientCommand.DEFAULT_REFERENCE;

    LocalClientCommand(PrintStream out) {
        this.out = out;
    }

    private static final Map<String, String> MEDIA_TYPES = Map.of(
            "png",
            "image/png",
            "jpg",
            "image/jpeg",
            "jpeg",
            "image/jpeg",
            "gif",
            "image/gif",
            "webp",
            "image/webp",
            "mp4",
            "video/mp4",
            "webm",
            "video/webm",
            "wav",
            "audio/wav");

    /** The opaque reference a backend would attach for correlation: the one caller value a report carries. */
    static final String DEFAULT_REFERENCE = "local-run";

    /** Exit status 0 when every step succeeded; a failed step throws with its reason. */
    @Override
    public Integer call() throws Exception {
        // Checked here, not by picocli: a parent's required options would be required by show and samples too.
        String[] required = {"--enclave-url", "--health-url", "--media", "--dev-root", "--out"};
        Object[] given = {enclaveUrl, healthUrl, media, devRoot, outDir};
        for (int i = 0; i < required.length; i++) {
            if (given[i] == null) {
                throw new UsageException(required[i] + " is required");
            }
        }
        String mediaType = this.mediaType != null ? this.mediaType : guessMediaType(media);
        if (!MediaReport.isCallerReference(reference)) {
            throw new UsageException("--reference must be 1.." + MediaReport.MAX_REFERENCE_BYTES
                    + " of [A-Za-z0-9._:-], got " + reference);
        }
        if (!Files.isRegularFile(media)) {
            throw new UsageException("--media: no such file " + media);
        }

        Path artifact = LocalMeasurements.runningArtifact();
        LocalMeasurements measurements = LocalMeasurements.ofRunningArtifact();
        Path here = Path.of("").toAbsolutePath();
        out.println("  measured  " + (artifact.startsWith(here) ? here.relativize(artifact) : artifact) + " on Java "
                + System.getProperty("java.runtime.version") + ": PCR0 "
                + HexFormat.of().formatHex(measurements.pcr(0)).substring(0, 16) + "...");

        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(HealthProbe.DEFAULT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        LocalRun run = new LocalRun(
                new HealthProbe(client, HealthProbe.DEFAULT_TIMEOUT),
                new ReportRequest(client, ReportRequest.DEFAULT_TIMEOUT),
                new AnalysisJob(client, AnalysisJob.DEFAULT_DEADLINE),
                new SecureRandom());
        // What the backend pins: the analysis this jar ships, as it pins the PCRs this jar measures to.
        ExpectedAnalysis expectedAnalysis = AnalysisRun.shippedIdentities();
        run.run(
                new LocalRun.Settings(
                        enclaveUrl,
                        healthUrl,
                        media,
                        mediaType,
                        Optional.of(reference),
                        devRoot,
                        measurements,
                        expectedAnalysis,
                        outDir),
                out);
        return 0;
    }

    /** {@code samples}: each file's signed report, through a gate loaded from the config; exit 1 if any is refused. */
    @Command(
            name = "samples",
            sortOptions = false,
            mixinStandardHelpOptions = true,
            versionProvider = Main.VersionProvider.class,
            header = "each media file's signed report, through a gate loaded from the config (PCRs and analysis"
                    + " pinned); exit 1 if any is refused")
    static final class Samples implements Callable<Integer> {
        private final PrintStream out;

        @Option(
                names = "--enclave-url",
                paramLabel = "URL",
                required = true,
                converter = Converters.HttpUrl.class,
                description = "the local enclave")
        URI enclaveUrl;

        @Option(
                names = "--config",
                paramLabel = "STACK_OUTPUTS",
                required = true,
                converter = Converters.NonEmptyPath.class,
                description = "the backend config (stack outputs JSON)")
        Path config;

        @Parameters(
                paramLabel = "FILE",
                arity = "1..*",
                converter = Converters.NonEmptyPath.class,
                description = "media files")
        List<Path> files;

        Samples(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() throws Exception {
            for (Path file : files) {
                if (!Files.isRegularFile(file)) {
                    throw new UsageException("no such file " + file);
                }
            }
            HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(HealthProbe.DEFAULT_TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
            ReportGate gate = ReportGate.create(BackendConfig.fromFile(config));
            List<SampleReports.Outcome> outcomes = new SampleReports(
                            new ReportRequest(client, ReportRequest.DEFAULT_TIMEOUT), new SecureRandom())
                    .run(enclaveUrl, gate, files, out);
            return outcomes.stream().allMatch(o -> o.report().isPresent()) ? 0 : 1;
        }
    }

    /** {@code show}: prints the gate's results; writes the first Sui payload whole. */
    @Command(
            name = "show",
            sortOptions = false,
            mixinStandardHelpOptions = true,
            versionProvider = Main.VersionProvider.class,
            header = "print the verifier gate's output for a person; exit 1 when --expect differs")
    static final class Show implements Callable<Integer> {
        private final PrintStream out;

        @Parameters(
                paramLabel = "GATE_OUTPUT",
                arity = "1",
                converter = Converters.NonEmptyPath.class,
                description = "the gate's output (one JSON line per response)")
        Path gateOutput;

        @Option(
                names = "--sui-out",
                paramLabel = "FILE",
                converter = Converters.NonEmptyPath.class,
                description = "write the first accepted response's whole Sui payload here")
        Path suiOut;

        @Option(
                names = "--expect",
                paramLabel = "OUTCOMES",
                description = "the outcomes expected, in order; each difference is printed")
        String expect;

        Show(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() throws UsageException, LocalClientException, IOException {
            if (!Files.isRegularFile(gateOutput)) {
                throw new LocalClientException("no gate output at " + gateOutput);
            }
            List<GateOutputLine> results =
                    GateOutputPrinter.parse(Files.readAllLines(gateOutput, StandardCharsets.UTF_8));
            if (results.isEmpty()) {
                throw new LocalClientException(gateOutput + " holds no gate results");
            }
            GateOutputPrinter.print(results, out);
            int differences = 0;
            if (expect != null) {
                GateExpectations expected;
                try {
                    expected = GateExpectations.parse(expect);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--expect: " + e.getMessage());
                }
                differences = expected.check(results, out);
            }
            Optional<String> payload = results.stream()
                    .filter(GateOutputLine::accepted)
                    .map(GateOutputPrinter::suiPayload)
                    .flatMap(Optional::stream)
                    .findFirst();
            if (suiOut != null && payload.isPresent()) {
                Files.writeString(suiOut, payload.get(), StandardCharsets.UTF_8);
                out.println("The whole Sui submission payload (full byte vectors and ptb commands): " + suiOut);
                out.flush();
            }
            return differences == 0 ? 0 : 1;
        }
    }

    private static String guessMediaType(Path media) throws UsageException {
        String name = media.getFileName() == null ? "" : media.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : MEDIA_TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (type == null) {
            throw new UsageException("cannot tell the media type of " + media + "; give --media-type");
        }
        return type;
    }
}
