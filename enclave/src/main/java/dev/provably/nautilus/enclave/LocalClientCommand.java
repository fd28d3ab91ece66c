package dev.provably.nautilus.enclave;

import dev.provably.nautilus.enclave.client.GateExpectations;
import dev.provably.nautilus.enclave.client.SampleReports;
import dev.provably.nautilus.gate.BackendConfig;
import dev.provably.nautilus.gate.ReportGate;
import dev.provably.nautilus.enclave.analysis.AnalysisRun;
import dev.provably.nautilus.gate.ExpectedAnalysis;
import dev.provably.nautilus.report.MediaReport;
import dev.provably.nautilus.enclave.client.AnalysisJob;
import dev.provably.nautilus.enclave.client.GateOutputPrinter;
import dev.provably.nautilus.enclave.client.HealthProbe;
import dev.provably.nautilus.enclave.client.LocalClientException;
import dev.provably.nautilus.enclave.client.LocalRun;
import dev.provably.nautilus.enclave.client.ReportRequest;
import dev.provably.nautilus.enclave.local.LocalMeasurements;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
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
import java.util.Set;

/**
 * {@code local-client}: the backend's side of a local run (see {@link LocalRun}), and {@code
 * local-client show}, which prints the verifier gate's output for a person. The expected PCRs come
 * from {@link LocalMeasurements#ofRunningArtifact()}, so this must run from the same jar, on the
 * same Java runtime, as {@code serve --local}.
 */
final class LocalClientCommand {
    private static final Set<String> VALUED = Set.of("--enclave-url", "--health-url", "--media", "--media-type",
            "--dev-root", "--out", "--reference");
    private static final Set<String> SHOW_VALUED = Set.of("--sui-out", "--expect");
    private static final Map<String, String> MEDIA_TYPES = Map.of(
            "png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg", "gif", "image/gif",
            "webp", "image/webp", "mp4", "video/mp4", "webm", "video/webm", "wav", "audio/wav");

    /** The opaque reference a backend would attach for correlation: the one caller value a report carries. */
    static final String DEFAULT_REFERENCE = "local-run";

    private LocalClientCommand() {
    }

    /** Exit status 0 when every step succeeded; a failed step throws with its reason. */
    static int run(List<String> args, PrintStream out) throws Exception {
        if (!args.isEmpty() && args.get(0).equals("show")) {
            return show(args.subList(1, args.size()), out);
        }
        if (!args.isEmpty() && args.get(0).equals("samples")) {
            return samples(args.subList(1, args.size()), out);
        }
        Options options = Options.parse(args, VALUED, Set.of());
        URI enclaveUrl = httpUrl(options, "--enclave-url");
        URI healthUrl = httpUrl(options, "--health-url");
        Path media = Path.of(required(options, "--media"));
        Path devRoot = Path.of(required(options, "--dev-root"));
        Path outDir = Path.of(required(options, "--out"));
        String mediaType = options.value("--media-type").orElse(guessMediaType(media));
        String reference = options.value("--reference").orElse(DEFAULT_REFERENCE);
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
        out.println("  measured  " + (artifact.startsWith(here) ? here.relativize(artifact) : artifact) + " on Java " + System.getProperty("java.runtime.version")
                + ": PCR0 " + HexFormat.of().formatHex(measurements.pcr(0)).substring(0, 16) + "...");

        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(HealthProbe.DEFAULT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        LocalRun run = new LocalRun(new HealthProbe(client, HealthProbe.DEFAULT_TIMEOUT),
                new ReportRequest(client, ReportRequest.DEFAULT_TIMEOUT),
                new AnalysisJob(client, AnalysisJob.DEFAULT_DEADLINE), new SecureRandom());
        // What the backend pins: the analysis this jar ships, as it pins the PCRs this jar measures to.
        ExpectedAnalysis expectedAnalysis = AnalysisRun.shippedIdentities();
        run.run(new LocalRun.Settings(enclaveUrl, healthUrl, media, mediaType, Optional.of(reference), devRoot,
                measurements, expectedAnalysis, outDir), out);
        return 0;
    }

    /**
     * {@code samples --enclave-url URL --config STACK_OUTPUTS FILE...}: each file's signed report,
     * through a gate loaded from the config (PCRs and analysis pinned); exit 1 if any is refused.
     */
    private static int samples(List<String> args, PrintStream out) throws Exception {
        // Options (each with its value) first or anywhere; everything else is a media file.
        List<String> optionArgs = new java.util.ArrayList<>();
        List<Path> files = new java.util.ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).startsWith("--")) {
                optionArgs.add(args.get(i));
                if (!args.get(i).contains("=") && i + 1 < args.size()) {
                    optionArgs.add(args.get(++i));
                }
            } else {
                files.add(Path.of(args.get(i)));
            }
        }
        Options options = Options.parse(optionArgs, Set.of("--enclave-url", "--config"), Set.of());
        URI enclaveUrl = httpUrl(options, "--enclave-url");
        Path config = Path.of(required(options, "--config"));
        if (files.isEmpty()) {
            throw new UsageException("local-client samples needs at least one media file");
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new UsageException("no such file " + file);
            }
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(HealthProbe.DEFAULT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        ReportGate gate = ReportGate.create(BackendConfig.fromFile(config));
        List<SampleReports.Outcome> outcomes = new SampleReports(new ReportRequest(client, ReportRequest.DEFAULT_TIMEOUT),
                new SecureRandom()).run(enclaveUrl, gate, files, out);
        return outcomes.stream().allMatch(o -> o.report().isPresent()) ? 0 : 1;
    }

    /** {@code show GATE_OUTPUT [--sui-out FILE] [--expect OUTCOMES]}: prints the gate's results; writes the first Sui payload whole. */
    private static int show(List<String> args, PrintStream out) throws UsageException, LocalClientException,
            IOException {
        if (args.isEmpty() || args.get(0).startsWith("-")) {
            throw new UsageException("local-client show needs the gate output file first");
        }
        Path gateOutput = Path.of(args.get(0));
        Options options = Options.parse(args.subList(1, args.size()), SHOW_VALUED, Set.of());
        if (!Files.isRegularFile(gateOutput)) {
            throw new LocalClientException("no gate output at " + gateOutput);
        }
        List<GateOutputPrinter.Result> results =
                GateOutputPrinter.parse(Files.readAllLines(gateOutput, StandardCharsets.UTF_8));
        if (results.isEmpty()) {
            throw new LocalClientException(gateOutput + " holds no gate results");
        }
        GateOutputPrinter.print(results, out);
        int differences = 0;
        if (options.value("--expect").isPresent()) {
            GateExpectations expected;
            try {
                expected = GateExpectations.parse(options.value("--expect").get());
            } catch (IllegalArgumentException e) {
                throw new UsageException("--expect: " + e.getMessage());
            }
            differences = expected.check(results, out);
        }
        Optional<String> payload = results.stream().filter(GateOutputPrinter.Result::accepted)
                .map(GateOutputPrinter.Result::suiPayload).flatMap(Optional::stream).findFirst();
        if (options.value("--sui-out").isPresent() && payload.isPresent()) {
            Path file = Path.of(options.value("--sui-out").get());
            Files.writeString(file, payload.get(), StandardCharsets.UTF_8);
            out.println("The whole Sui submission payload (full byte vectors and ptb commands): " + file);
            out.flush();
        }
        return differences == 0 ? 0 : 1;
    }

    private static String required(Options options, String name) throws UsageException {
        return options.value(name).orElseThrow(() -> new UsageException(name + " is required"));
    }

    private static URI httpUrl(Options options, String name) throws UsageException {
        String value = required(options, name);
        try {
            URI url = new URI(value);
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
                throw new UsageException(name + " must be an http(s) URL with a host, got " + value);
            }
            return url;
        } catch (URISyntaxException e) {
            throw new UsageException(name + " is not a URL: " + value);
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
