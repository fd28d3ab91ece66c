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
import java.util.Set;

/**
 * {@code gate --config FILE [options] RESPONSE...}: runs enclave report responses through the
 * backend's {@link ReportGate} and prints one JSON line per response. Exit status 0 when all are
 * accepted, 1 when any is rejected, 2 on a usage error (including an invalid config).
 */
final class GateCommand implements Command {

    static final String USAGE = String.join("\n",
            "usage: java -jar " + Main.PROGRAM + ".jar gate --config FILE --nonce HEX (--media FILE | --media-sha256 HEX)",
            "                                        [options] RESPONSE|DIR...",
            "",
            "Checks enclave report responses (the JSON of POST /v1/reports) exactly as the backend gate",
            "does: attestation, nonce and media binding, key and user_data binding, Ed25519 signature,",
            "BCS report, report time, the report JSON view, replay. Every response must answer the",
            "request described by --nonce and --media. Prints one JSON object per response and line. A DIR stands",
            "for every regular file directly inside it, sorted by name; - for standard input. Responses are checked in order",
            "by one gate, so a response given twice is REPLAYED the second time.",
            "",
            "options:",
            "  --config FILE   the backend config: the JSON of `pulumi stack output --json`, or its",
            "                  backendConfig member (required)",
            "  --nonce HEX     the nonce the backend sent: every attestation must carry exactly it (required)",
            "  --media FILE    the media the backend sent: every report must be about it (this or",
            "                  --media-sha256 is required)",
            "  --media-sha256 HEX  the SHA-256 of the media the backend sent, instead of --media",
            "  --at TIME       check at TIME: epoch milliseconds or an ISO-8601 instant (default: now)",
            "  --sui           add the Sui submission payload to each accepted line",
            "  --registered FILE  with --sui: the backend's record of enclave keys already registered on",
            "                  Sui (one hex key per line); a recorded key gets no registration command",
            "  --help          print this help",
            "",
            "exit status: 0 all responses accepted, 1 any rejected, 2 usage error",
            "");


    @Override
    public String name() {
        return "gate";
    }

    @Override
    public String summary() {
        return "check enclave report responses as the backend gate does, one JSON line each";
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        CommandRun run = new CommandRun(name(), in, out, err);
        Options options;
        BackendConfig config;
        try {
            options = Options.parse(args);
            if (options.help) {
                return run.help(USAGE);
            }
            config = config(options.config);
        } catch (UsageException e) {
            return run.usageError(e);
        }
        Clock clock = options.at.map(at -> Clock.fixed(at, ZoneOffset.UTC)).orElseGet(Clock::systemUTC);
        ReportGate gate = ReportGate.builder(config).clock(clock).build();
        return run.checkEach("responses", options.inputs,
                (entry, writer) -> checkOne(gate, config, options, entry, writer));
    }

    private static boolean checkOne(ReportGate gate, BackendConfig config, Options options, InputFiles.Entry entry,
            Writer out) throws IOException {
        String name = entry.path().toString();
        try {
            AcceptedReport report = gate.check(entry.bytes(), options.request);
            JsonObject sui = options.sui
                    ? SuiSubmission.of(report, config.expectedPcrs(), options.registered).toJsonTree() : null;
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

    private static BackendConfig config(Path file) throws UsageException {
        try {
            return BackendConfig.fromFile(file);
        } catch (IOException e) {
            throw new UsageException("--config: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        } catch (BackendConfigException e) {
            throw new UsageException("--config: " + file + ": " + e.getMessage());
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

    /** The parsed command line, in the shared {@link CommandLine} syntax. */
    private static final class Options {
        private static final CommandLine SYNTAX =
                new CommandLine(Set.of("--help", "-h", "--sui"),
                        Set.of("--config", "--nonce", "--media", "--media-sha256", "--at", "--registered"), Set.of());

        boolean help;
        boolean sui;
        Path config;
        byte[] nonce;
        Path media;
        byte[] mediaSha256;
        ExpectedRequest request;
        Optional<Instant> at = Optional.empty();
        Path registeredFile;
        RegisteredEnclaves registered = RegisteredEnclaves.none();
        final List<Path> inputs = new ArrayList<>();

        static Options parse(List<String> args) throws UsageException {
            Options options = new Options();
            options.inputs.addAll(SYNTAX.read(args, options::apply));
            if (options.help) {
                return options;
            }
            if (options.config == null) {
                throw new UsageException("--config FILE is required (the backend config)");
            }
            if (options.nonce == null) {
                throw new UsageException("--nonce HEX is required: the nonce the backend sent with the request");
            }
            if ((options.media == null) == (options.mediaSha256 == null)) {
                throw new UsageException("give exactly one of --media FILE or --media-sha256 HEX: the media the"
                        + " backend sent, so a report about other media is refused");
            }
            if (options.inputs.isEmpty()) {
                throw new UsageException("no input: give one or more response files or directories");
            }
            options.request = options.expectedRequest();
            if (options.registeredFile != null) {
                if (!options.sui) {
                    throw new UsageException("--registered only applies with --sui");
                }
                try {
                    options.registered = RegisteredEnclaves.read(options.registeredFile);
                } catch (IOException e) {
                    throw new UsageException("--registered: " + e.getMessage());
                }
            }
            return options;
        }

        private void apply(String name, String value) throws UsageException {
            switch (name) {
                case "--help", "-h" -> help = true;
                case "--sui" -> sui = true;
                case "--config" -> config = Values.path(name, value);
                case "--nonce" -> nonce = Values.hex(name, value);
                case "--media" -> media = Values.path(name, value);
                case "--media-sha256" -> mediaSha256 = Values.hex(name, value);
                case "--at" -> at = Optional.of(Values.instant(name, value));
                case "--registered" -> registeredFile = Values.path(name, value);
                default -> throw new IllegalStateException("unhandled option " + name);
            }
        }

        private ExpectedRequest expectedRequest() throws UsageException {
            try {
                return media != null ? ExpectedRequest.forMediaFile(nonce, media) : ExpectedRequest.of(nonce, mediaSha256);
            } catch (IllegalArgumentException e) {
                throw new UsageException((media != null ? "--nonce: " : "--nonce/--media-sha256: ") + e.getMessage());
            } catch (IOException e) {
                throw new UsageException("--media: cannot read " + media + " (" + e.getClass().getSimpleName() + ")");
            }
        }
    }
}
