package dev.provably.nautilus.cli;

import com.google.gson.JsonObject;
import dev.provably.nautilus.gate.AcceptedReport;
import dev.provably.nautilus.gate.BackendConfig;
import dev.provably.nautilus.gate.BackendConfigException;
import dev.provably.nautilus.gate.ExpectedRequest;
import dev.provably.nautilus.gate.GateOutputLine;
import dev.provably.nautilus.gate.GateRejection;
import dev.provably.nautilus.gate.ReportGate;
import dev.provably.nautilus.sui.RegisteredEnclaves;
import dev.provably.nautilus.sui.SuiSubmission;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gate --config FILE [options] RESPONSE...}: runs enclave report responses through the
 * backend's {@link ReportGate} and prints one JSON line per response. Exit status 0 when all are
 * accepted, 1 when any is rejected, 2 on a usage error (including an invalid config).
 */
@Command(
        name = "gate",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        header = "check enclave report responses as the backend gate does, one JSON line each",
        descriptionHeading = "%n",
        description = {
            "Checks enclave report responses (the JSON of POST /v1/reports) exactly as the backend gate"
                    + " does: attestation, nonce and media binding, key and user_data binding, Ed25519 signature, BCS"
                    + " report, report time, the report JSON view, replay. Every response must answer the request"
                    + " described by --nonce and --media. Prints one JSON object per response and line. Responses are"
                    + " checked in order by one gate, so a response given twice is REPLAYED the second time."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:all responses accepted", "1:any rejected", "2:usage error (including an invalid config)"})
final class GateCommand implements Callable<Integer> {

    private final InputStream in;
    private final PrintStream out;

    @Spec
    private CommandSpec spec;

    @Mixin
    private Options options;

    GateCommand(InputStream in, PrintStream out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public Integer call() {
        options.check(spec);
        BackendConfig config = config(options.config);
        Clock clock = Optional.ofNullable(options.at)
                .map(at -> Clock.fixed(at, ZoneOffset.UTC))
                .orElseGet(Clock::systemUTC);
        ReportGate gate = ReportGate.builder(config).clock(clock).build();
        return new CommandRun(spec, in, out)
                .checkEach(
                        "responses", options.inputs, (entry, writer) -> checkOne(gate, config, options, entry, writer));
    }

    private static boolean checkOne(
            ReportGate gate, BackendConfig config, Options options, InputFiles.Entry entry, Writer out)
            throws IOException {
        String name = entry.path().toString();
        try {
            AcceptedReport report = gate.check(entry.bytes(), options.request);
            JsonObject sui = options.sui
                    ? SuiSubmission.of(report, config.expectedPcrs(), options.registered)
                            .toJsonTree()
                    : null;
            accepted(out, name, report, sui);
            return true;
        } catch (InputException e) {
            rejected(out, name, e.code(), e.getMessage());
        } catch (GateRejection e) {
            rejected(out, name, e.reason().name(), e.getMessage());
        } catch (RuntimeException e) {
            // The gate promises GateRejection only; anything else is a bug. Fail closed, go on.
            rejected(out, name, "INTERNAL_ERROR", e.toString());
        }
        return false;
    }

    private BackendConfig config(Path file) {
        try {
            return BackendConfig.fromFile(file);
        } catch (IOException e) {
            throw CommandLines.usageError(
                    spec, "--config: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        } catch (BackendConfigException e) {
            throw CommandLines.usageError(spec, "--config: " + file + ": " + e.getMessage());
        }
    }

    // One line per response, written by the gate's codec of its output line.

    private static void accepted(Writer out, String file, AcceptedReport report, JsonObject sui) throws IOException {
        write(out, GateOutputLine.accepted(file, report, sui));
    }

    private static void rejected(Writer out, String file, String reason, String detail) throws IOException {
        write(out, GateOutputLine.rejected(file, reason, detail));
    }

    private static void write(Writer out, GateOutputLine line) throws IOException {
        out.write(line.toJson());
        out.write('\n');
        out.flush();
    }

    /** The options of {@code gate}, as picocli reads them (their descriptions are the command's help). */
    static final class Options {
        @Option(
                names = "--config",
                paramLabel = "FILE",
                converter = Converters.NonEmptyPath.class,
                description = "the backend config: the JSON of `pulumi stack output --json`, or its backendConfig"
                        + " member (required)")
        Path config;

        @Option(
                names = "--nonce",
                paramLabel = "HEX",
                converter = Converters.Hex.class,
                description = "the nonce the backend sent: every attestation must carry exactly it (required)")
        HexBytes nonce;

        @Option(
                names = "--media",
                paramLabel = "FILE",
                converter = Converters.NonEmptyPath.class,
                description = "the media the backend sent: every report must be about it (this or --media-sha256"
                        + " is required)")
        Path media;

        @Option(
                names = "--media-sha256",
                paramLabel = "HEX",
                converter = Converters.Hex.class,
                description = "the SHA-256 of the media the backend sent, instead of --media")
        HexBytes mediaSha256;

        @Option(
                names = "--at",
                paramLabel = "TIME",
                converter = Converters.Instant.class,
                description = "check at TIME: epoch milliseconds or an ISO-8601 instant (default: now)")
        Instant at;

        @Option(names = "--sui", description = "add the Sui submission payload to each accepted line")
        boolean sui;

        @Option(
                names = "--registered",
                paramLabel = "FILE",
                converter = Converters.NonEmptyPath.class,
                description = "with --sui: the backend's record of enclave keys already registered on Sui (one hex"
                        + " key per line); a recorded key gets no registration command")
        Path registeredFile;

        @Parameters(
                paramLabel = "RESPONSE|DIR",
                arity = "0..*",
                converter = Converters.NonEmptyPath.class,
                description = "responses to check, in order; a DIR stands for every regular file directly inside"
                        + " it, sorted by name; - for standard input")
        List<Path> inputs = new ArrayList<>();

        ExpectedRequest request;
        RegisteredEnclaves registered = RegisteredEnclaves.none();

        /** Throws the usage error for a missing option or options that do not fit together; reads the files named. */
        void check(CommandSpec spec) {
            if (config == null) {
                throw CommandLines.usageError(spec, "--config FILE is required (the backend config)");
            }
            if (nonce == null) {
                throw CommandLines.usageError(
                        spec, "--nonce HEX is required: the nonce the backend sent with the request");
            }
            if ((media == null) == (mediaSha256 == null)) {
                throw CommandLines.usageError(
                        spec,
                        "give exactly one of --media FILE or --media-sha256 HEX: the"
                                + " media the backend sent, so a report about other media is refused");
            }
            if (inputs.isEmpty()) {
                throw CommandLines.usageError(spec, "no input: give one or more response files or directories");
            }
            request = expectedRequest(spec);
            if (registeredFile != null) {
                if (!sui) {
                    throw CommandLines.usageError(spec, "--registered only applies with --sui");
                }
                try {
                    registered = RegisteredEnclaves.read(registeredFile);
                } catch (IOException e) {
                    throw CommandLines.usageError(spec, "--registered: " + e.getMessage());
                }
            }
        }

        private ExpectedRequest expectedRequest(CommandSpec spec) {
            try {
                return media != null
                        ? ExpectedRequest.forMediaFile(nonce.bytes(), media)
                        : ExpectedRequest.of(nonce.bytes(), mediaSha256.bytes());
            } catch (IllegalArgumentException e) {
                throw CommandLines.usageError(
                        spec, (media != null ? "--nonce: " : "--nonce/--media-sha256: ") + e.getMessage());
            } catch (IOException e) {
                throw CommandLines.usageError(
                        spec,
                        "--media: cannot read " + media + " (" + e.getClass().getSimpleName() + ")");
            }
        }
    }
}
