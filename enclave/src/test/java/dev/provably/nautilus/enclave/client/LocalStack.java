package dev.provably.nautilus.enclave.client;

import dev.provably.nautilus.enclave.analysis.AnalysisRun;
import dev.provably.nautilus.enclave.host.HostHealthServer;
import dev.provably.nautilus.enclave.host.LocalEnclaveProbe;
import dev.provably.nautilus.enclave.local.LocalAttestationSource;
import dev.provably.nautilus.enclave.local.LocalMeasurements;
import dev.provably.nautilus.enclave.server.EnclaveServer;
import dev.provably.nautilus.enclave.signing.EnclaveKey;
import dev.provably.nautilus.enclave.signing.ReportSigner;
import dev.provably.nautilus.issuer.DevCa;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * What {@code ./run-local} starts, in this JVM: a local-mode enclave server and a host health server
 * probing it, both on ephemeral loopback ports, and the development root written to a file.
 */
final class LocalStack implements AutoCloseable {
    final LocalMeasurements measurements;
    final EnclaveServer enclave;
    final HostHealthServer host;
    final Path devRoot;
    final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .build();

    private LocalStack(LocalMeasurements measurements, EnclaveServer enclave, HostHealthServer host, Path devRoot) {
        this.measurements = measurements;
        this.enclave = enclave;
        this.host = host;
        this.devRoot = devRoot;
    }

    /** The stack; {@code hostProbes} is the enclave URL the host probes (null: this enclave). */
    static LocalStack start(Path dir, URI hostProbes) throws Exception {
        Clock clock = Clock.systemUTC();
        DevCa ca = DevCa.loadOrCreate(dir.resolve("dev-ca"), clock);
        Path devRoot = Files.writeString(dir.resolve("dev-root.pem"), ca.rootPem(), StandardCharsets.US_ASCII);
        LocalMeasurements measurements = LocalMeasurements.ofRunningArtifact();
        byte[] seed = new byte[EnclaveKey.SEED_LENGTH];
        new SecureRandom().nextBytes(seed);
        ReportSigner signer =
                new ReportSigner(EnclaveKey.fromSeed(seed), new LocalAttestationSource(ca, measurements, clock), clock);
        EnclaveServer enclave = EnclaveServer.start(
                new EnclaveServer.Settings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1 << 20, 4),
                signer,
                AnalysisRun.shipped(),
                clock);
        URI enclaveUrl = URI.create("http://127.0.0.1:" + enclave.address().getPort());
        HostHealthServer host;
        try {
            host = HostHealthServer.start(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    new LocalEnclaveProbe(hostProbes == null ? enclaveUrl : hostProbes, Duration.ofSeconds(2)));
        } catch (IOException | RuntimeException e) {
            enclave.close();
            throw e;
        }
        return new LocalStack(measurements, enclave, host, devRoot);
    }

    static LocalStack start(Path dir) throws Exception {
        return start(dir, null);
    }

    URI enclaveUrl() {
        return URI.create("http://127.0.0.1:" + enclave.address().getPort());
    }

    URI healthUrl() {
        return URI.create("http://127.0.0.1:" + host.address().getPort() + "/health");
    }

    /** A loopback URL where nothing listens (a port just released). */
    static URI deadUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    @Override
    public void close() {
        host.close();
        enclave.close();
    }
}
