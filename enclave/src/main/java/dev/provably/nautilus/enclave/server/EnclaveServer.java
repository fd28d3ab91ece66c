package dev.provably.nautilus.enclave.server;

import com.sun.net.httpserver.HttpServer;
import dev.provably.nautilus.enclave.signing.ReportSigner;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The enclave's HTTP API on {@code com.sun.net.httpserver}: {@code POST /v1/reports},
 * {@code GET /v1/attestation}, {@code GET /health}. Requests run on a bounded pool; when the pool
 * and its queue are full the accepting thread runs the request itself, which slows accepting
 * (back-pressure) instead of dropping connections.
 */
public final class EnclaveServer implements AutoCloseable {
    public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;

    /** Where to listen and how much to take. */
    public record Settings(InetSocketAddress address, long maxBodyBytes, int threads) {
        public Settings {
            if (maxBodyBytes < 1) {
                throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
            }
            if (threads < 1 || threads > 256) {
                throw new IllegalArgumentException("threads must be 1..256, got " + threads);
            }
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private EnclaveServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static EnclaveServer start(Settings settings, ReportSigner signer, Clock clock) throws IOException {
        Metrics metrics = new Metrics();
        Router router = new Router(Map.of(
                "/v1/reports", Map.of("POST", new ReportsEndpoint(signer, settings.maxBodyBytes(), metrics)),
                "/v1/attestation", Map.of("GET", new AttestationEndpoint(signer, metrics)),
                "/health", Map.of("GET", new HealthEndpoint(signer, metrics, clock))), metrics);
        ThreadPoolExecutor executor = new ThreadPoolExecutor(settings.threads(), settings.threads(),
                60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(settings.threads() * 16),
                threads("enclave-http-"), new ThreadPoolExecutor.CallerRunsPolicy());
        HttpServer server = HttpServer.create(settings.address(), 128);
        server.createContext("/", router);
        server.setExecutor(executor);
        server.start();
        return new EnclaveServer(server, executor);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(false);
            return thread;
        };
    }
}
