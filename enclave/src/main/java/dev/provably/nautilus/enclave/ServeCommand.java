package dev.provably.nautilus.enclave;

import dev.provably.nautilus.enclave.analysis.AnalysisRun;
import dev.provably.nautilus.gate.ExpectedAnalysis;
import dev.provably.nautilus.enclave.attest.AttestationSource;
import dev.provably.nautilus.enclave.http.JsonHttpServer;
import dev.provably.nautilus.enclave.jobs.JobQueue;
import dev.provably.nautilus.enclave.local.LocalAttestationSource;
import dev.provably.nautilus.enclave.local.LocalMeasurements;
import dev.provably.nautilus.enclave.nsm.NsmAttestationSource;
import dev.provably.nautilus.enclave.server.EnclaveServer;
import dev.provably.nautilus.enclave.signing.EnclaveKey;
import dev.provably.nautilus.enclave.signing.ReportSigner;
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
import java.util.Set;

/**
 * {@code serve}: creates the Ed25519 key (seeded from NSM GetRandom in an enclave, SecureRandom
 * locally) and serves the API on 127.0.0.1 only; inside the enclave socat bridges vsock to it.
 */
final class ServeCommand {
    private static final Set<String> VALUED =
            Set.of("--port", "--dev-root-out", "--state-dir", "--max-body", "--threads", "--analysis-workers",
                    "--queue-jobs", "--queue-bytes", "--job-timeout", "--result-ttl",
                    "--kms-endpoint", "--kms-key-id", "--kms-region", "--identity-dir", "--parent-url");

    private ServeCommand() {
    }

    /** A running server and what it was started with (for tests and the load harness). */
    record Running(EnclaveServer server, AttestationSource source, ReportSigner signer) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
            source.close();
        }
    }

    static void start(List<String> args, PrintStream out) throws Exception {
        Running running = launch(args, out);
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "enclave-shutdown"));
    }

    static Running launch(List<String> args, PrintStream out) throws Exception {
        Options options = Options.parse(args, VALUED, Set.of("--local", "--seal-new-if-none"));
        boolean local = options.flag("--local");
        if (!local && (options.value("--dev-root-out").isPresent() || options.value("--state-dir").isPresent())) {
            throw new UsageException("--dev-root-out and --state-dir only apply with --local");
        }
        int port = (int) options.number("--port", 5000, 0, 65535);
        long maxBody = options.number("--max-body", EnclaveServer.DEFAULT_MAX_BODY_BYTES, 1, Long.MAX_VALUE);
        int threads = (int) options.number("--threads",
                Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), 1, 256);
        JobQueue.Limits jobs = jobLimits(options, maxBody);

        Clock clock = Clock.systemUTC();
        SealedIdentitySetup identity = SealedIdentitySetup.parse(options, local);
        AttestationSource source;
        if (local) {
            Path stateDir = options.value("--state-dir").map(Path::of)
                    .orElse(Path.of(System.getProperty("user.home"), ".nautilus", "dev-ca"));
            DevCa ca = DevCa.loadOrCreate(stateDir, clock);
            LocalMeasurements measurements = LocalMeasurements.ofRunningArtifact();
            source = new LocalAttestationSource(ca, measurements, clock);
            if (options.value("--dev-root-out").isPresent()) {
                Path rootOut = Path.of(options.value("--dev-root-out").get());
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
            byte[] pcr0 = source instanceof NsmAttestationSource nsm ? nsm.pcr(0)
                    : ((LocalAttestationSource) source).measurements().pcr(0);
            EnclaveKey key = identity.key(source, HexFormat.of().formatHex(pcr0), out);
            ReportSigner signer = new ReportSigner(key, source, clock);
            AnalysisRun analysis = AnalysisRun.shipped();
            ExpectedAnalysis identities = analysis.expectedAnalysis();
            out.println("analysis policy " + HexFormat.of().formatHex(identities.policyIdentity()));
            identities.analyzers().forEach((name, id) ->
                    out.println("analyzer " + name + " " + HexFormat.of().formatHex(id)));
            EnclaveServer server = EnclaveServer.start(new EnclaveServer.Settings(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), port), maxBody,
                    JsonHttpServer.Limits.defaults(threads), jobs), signer, analysis, clock);
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
    private static JobQueue.Limits jobLimits(Options options, long maxBody) throws UsageException {
        JobQueue.Limits defaults = JobQueue.Limits.defaults(Runtime.getRuntime().availableProcessors());
        int workers = (int) options.number("--analysis-workers", defaults.workers(), 1, 256);
        int queued = (int) options.number("--queue-jobs", defaults.maxQueued(), 1, 100_000);
        long bytes = options.number("--queue-bytes", Math.max(defaults.maxHeldBytes(), maxBody), maxBody,
                Long.MAX_VALUE);
        long timeout = options.number("--job-timeout", defaults.timeout().toSeconds(), 1, 86_400);
        long ttl = options.number("--result-ttl", defaults.resultTtl().toSeconds(), 1, 86_400);
        return new JobQueue.Limits(queued, bytes, Math.max(defaults.maxKept(), queued + workers), workers,
                Duration.ofSeconds(timeout), Duration.ofSeconds(ttl));
    }
}
