package dev.provably.nautilus.enclave.server;

import dev.provably.nautilus.enclave.http.JsonHttpServer;
import dev.provably.nautilus.enclave.http.Router;
import dev.provably.nautilus.enclave.signing.ReportSigner;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The enclave's HTTP API: {@code POST /v1/reports}, {@code GET /v1/attestation}, {@code GET
 * /health}, on the shared {@link JsonHttpServer} boundary (slow clients never hold a worker;
 * {@code /health} answers on the network thread even while every worker is busy).
 */
public final class EnclaveServer implements AutoCloseable {
    public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;

    /** Where to listen, how much to take and how long to wait. */
    public record Settings(InetSocketAddress address, long maxBodyBytes, JsonHttpServer.Limits limits) {
        public Settings {
            if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("maxBodyBytes must be 1.." + (Integer.MAX_VALUE - 8)
                        + ", got " + maxBodyBytes);
            }
        }

        public Settings(InetSocketAddress address, long maxBodyBytes, int threads) {
            this(address, maxBodyBytes, JsonHttpServer.Limits.defaults(threads));
        }
    }

    private final JsonHttpServer http;

    private EnclaveServer(JsonHttpServer http) {
        this.http = http;
    }

    public static EnclaveServer start(Settings settings, ReportSigner signer, Clock clock) throws IOException {
        Metrics metrics = new Metrics();
        AtomicLong errors = new AtomicLong();
        Router router = Router.builder()
                .post("/v1/reports", new ReportsEndpoint(signer, metrics), settings.maxBodyBytes())
                .getOnWorker("/v1/attestation", new AttestationEndpoint(signer, metrics))
                .get("/health", new HealthEndpoint(signer, metrics, errors::get, clock))
                .build();
        return new EnclaveServer(
                JsonHttpServer.start("enclave-http", settings.address(), router, settings.limits(), errors));
    }

    public InetSocketAddress address() {
        return http.address();
    }

    @Override
    public void close() {
        http.close();
    }
}
