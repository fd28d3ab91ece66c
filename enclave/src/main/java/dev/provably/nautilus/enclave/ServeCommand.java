package dev.provably.nautilus.enclave;

import dev.provably.nautilus.enclave.analysis.AnalysisRun;
import dev.provably.nautilus.enclave.attest.AttestationSource;
import dev.provably.nautilus.enclave.http.JsonHttpServer;
import dev.provably.nautilus.enclave.jobs.JobQueue;
import dev.provably.nautilus.enclave.local.LocalAttestationSource;
import dev.provably.nautilus.enclave.local.LocalMeasurements;
import dev.provably.nautilus.enclave.nsm.NsmAttestationSource;
import dev.provably.nautilus.enclave.server.EnclaveServer;
import dev.provably.nautilus.enclave.signing.EnclaveKey;
import dev.provably.nautilus.enclave.signing.ReportSigner;
import dev.provably.nautilus.gate.ExpectedAnalysis;
import dev.provably.nautilus.issuer.DevCa;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code serve}: creates the Ed25519 key (seeded from NSM GetRandom in an enclave, SecureRandom
 * locally) and serves the API on 127.0.0.1 only; inside the enclave socat bridges vsock to it.
 */
@Command(
        name = "serve",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        header = "the signing server: inside a Nitro enclave, or anywhere with --local",
        descriptionHeading = "%n",
        description = "Creates the Ed25519 key (ephemeral, or the release's identity sealed with KMS) and serves the"
                + " API on 127.0.0.1 only; inside the enclave socat bridges vsock to it.")
final class ServeCommand implements Callable<Integer> {
    private final PrintStream out;

    @Option(
            names = "--local",
            description = "run outside an enclave with a development CA (never trusted unless"
                    + " passed explicitly) instead of /dev/nsm")
    boolean local;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "listen on 127.0.0.1:PORT (default: 5000; 0 picks one)")
    Long port;

    @Option(
            names = "--dev-root-out",
            paramLabel = "FILE",
            description = "with --local: write the development root certificate here")
    String devRootOut;

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            description = "with --local: the development CA's directory (default: ~/.nautilus/dev-ca)")
    String stateDir;

    @Option(names = "--max-body", paramLabel = "BYTES", description = "the largest request body (default: 32 MiB)")
    Long maxBody;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "HTTP threads, 1..256 (default: 2 per CPU, at least 4)")
    Long threads;

    @Option(
            names = "--analysis-workers",
            paramLabel = "N",
            description = "analysis queue workers, 1..256" + " (default: the CPUs)")
    Long analysisWorkers;

    @Option(names = "--queue-jobs", paramLabel = "N", description = "jobs the queue holds, 1..100000")
    Long queueJobs;

    @Option(
            names = "--queue-bytes",
            paramLabel = "BYTES",
            description = "media bytes the queue holds, at least --max-body")
    Long queueBytes;

    @Option(names = "--job-timeout", paramLabel = "SECONDS", description = "one job's deadline, 1..86400")
    Long jobTimeout;

    @Option(
            names = "--result-ttl",
            paramLabel = "SECONDS",
            description = "how long a finished job's result is kept," + " 1..86400")
    Long resultTtl;

    @Mixin
    SealedIdentitySetup.Options identityOptions;

    ServeCommand(PrintStream out) {
        this.out = out;
    }

    /** Starts the server and leaves it running (stopped by the JVM's shutdown). */
    @Override
    public Integer call() throws Exception {
        Running running = launch();
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "enclave-shutdown"));
        return 0;
    }

    /** A running server and what it was started with (for tests and the load harness). */
    record Running(EnclaveServer server, AttestationSource source, ReportSigner signer) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
            source.close();
        }
    }

    /** Parses {@code args} as {@code serve}'s and starts the server (tests and the load harness). */
    static Running launch(List<String> args, PrintStream out) throws Exception {
        ServeCommand command = new ServeCommand(out);
        new CommandLine(command).parseArgs(args.toArray(String[]::new));
        return command.launch();
    }

    Running launch() throws Exception {
        if (!local && (devRootOut != null || stateDir != null)) {
            throw new UsageException("--dev-root-out and --state-dir only apply with --local");
        }
        int port = (int) CommandValues.inRange("--port", this.port, 5000, 0, 65535);
        long maxBody = CommandValues.inRange(
                "--max-body", this.maxBody, EnclaveServer.DEFAULT_MAX_BODY_BYTES, 1, Long.MAX_VALUE);
        int threads = (int) CommandValues.inRange(
                "--threads", this.threads, Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), 1, 256);
        JobQueue.Limits jobs = jobLimits(maxBody);

        Clock clock = Clock.systemUTC();
        SealedIdentitySetup identity = SealedIdentitySetup.parse(identityOptions, local);
        AttestationSource source;
        if (local) {
            Path stateDir = this.stateDir != null
                    ? Path.of(this.stateDir)
                    : Path.of(System.getProperty("user.home"), ".nautilus", "dev-ca");
            DevCa ca = DevCa.loadOrCreate(stateDir, clock);
            LocalMeasurements measurements = LocalMeasurements.ofRunningArtifact();
            source = new LocalAttestationSource(ca, measurements, clock);
            if (devRootOut != null) {
                Path rootOut = Path.of(devRootOut);
                Files.writeString(rootOut, ca.rootPem(), StandardCharsets.US_ASCII);
                out.println("development root certificate written to " + rootOut);
            }
            out.println("local mode: development CA in " + stateDir + " (never trusted unless passed explicitly)");
            out.println("PCR0 " + HexFormat.of().formatHex(measurements.pcr(0)));
            out.println("PCR1 " + HexFormat.of().formatHex(measurements.pcr(1)));
            out.println("PCR2 " + HexFormat.of().formatHex(measurements.pcr(2)));
        } else {
            source = NsmAttestationSource.open(NsmAttestationSource.DEFAULT_DEVICE);
        }
        try {
            if (source instanceof NsmAttestationSource nsm) {
                for (int index = 0; index < 3; index++) {
                    out.println("PCR" + index + " " + HexFormat.of().formatHex(nsm.pcr(index)));
                }
            }
            byte[] pcr0 = source instanceof NsmAttestationSource nsm
                    ? nsm.pcr(0)
                    : ((LocalAttestationSource) source).measurements().pcr(0);
            EnclaveKey key = identity.key(source, HexFormat.of().formatHex(pcr0), out);
            ReportSigner signer = new ReportSigner(key, source, clock);
            AnalysisRun analysis = AnalysisRun.shipped();
            ExpectedAnalysis identities = analysis.expectedAnalysis();
            out.println("analysis policy " + HexFormat.of().formatHex(identities.policyIdentity()));
            identities
                    .analyzers()
                    .forEach((name, id) -> out.println(
                            "analyzer " + name + " " + HexFormat.of().formatHex(id)));
            EnclaveServer server = EnclaveServer.start(
                    new EnclaveServer.Settings(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                            maxBody,
                            JsonHttpServer.Limits.defaults(threads),
                            jobs),
                    signer,
                    analysis,
                    clock);
            out.println("nautilus-enclave serving on " + server.address().getHostString() + ":"
                    + server.address().getPort() + " (mode " + source.mode() + ", public key "
                    + HexFormat.of().formatHex(signer.publicKey()) + ")");
            out.flush();
            return new Running(server, source, signer);
        } catch (Exception | Error e) {
            source.close();
            throw e;
        }
    }

    /** The analysis queue: workers default to the CPUs the enclave has; the byte budget must hold a body. */
    private JobQueue.Limits jobLimits(long maxBody) throws UsageException {
        JobQueue.Limits defaults = JobQueue.Limits.defaults(Runtime.getRuntime().availableProcessors());
        int workers = (int) CommandValues.inRange("--analysis-workers", analysisWorkers, defaults.workers(), 1, 256);
        int queued = (int) CommandValues.inRange("--queue-jobs", queueJobs, defaults.maxQueued(), 1, 100_000);
        long bytes = CommandValues.inRange(
                "--queue-bytes", queueBytes, Math.max(defaults.maxHeldBytes(), maxBody), maxBody, Long.MAX_VALUE);
        long timeout = CommandValues.inRange(
                "--job-timeout", jobTimeout, defaults.timeout().toSeconds(), 1, 86_400);
        long ttl = CommandValues.inRange(
                "--result-ttl", resultTtl, defaults.resultTtl().toSeconds(), 1, 86_400);
        return new JobQueue.Limits(
                queued,
                bytes,
                Math.max(defaults.maxKept(), queued + workers),
                workers,
                Duration.ofSeconds(timeout),
                Duration.ofSeconds(ttl));
    }
}
