package dev.provably.nautilus.enclave.host;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.provably.nautilus.enclave.http.JsonResponses;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The parent instance's {@code GET /health}: 200 {@code {"status":"healthy","enclave":{…}}} or
 * 503 {@code {"status":"unhealthy","reason":"…"}}; other paths 404 and other methods 405.
 */
public final class HostHealthServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HostHealthServer.class.getName());

    private final HttpServer server;
    private final ExecutorService executor;

    private HostHealthServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static HostHealthServer start(InetSocketAddress address, EnclaveProbe probe) throws IOException {
        HttpServer server = HttpServer.create(address, 32);
        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "host-health");
            thread.setDaemon(false);
            return thread;
        });
        server.createContext("/", exchange -> handle(exchange, probe));
        server.setExecutor(executor);
        server.start();
        return new HostHealthServer(server, executor);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static void handle(HttpExchange exchange, EnclaveProbe probe) {
        try {
            if (!"/health".equals(exchange.getRequestURI().getRawPath())) {
                JsonResponses.send(exchange, 404, JsonResponses.error("not_found", "no such path; try /health"));
            } else if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                JsonResponses.send(exchange, 405, JsonResponses.error("method_not_allowed", "use GET"));
            } else {
                ProbeResult result = probe.probe();
                JsonObject body = new JsonObject();
                if (result.healthy()) {
                    body.addProperty("status", "healthy");
                    body.add("enclave", result.enclave());
                    JsonResponses.send(exchange, 200, body);
                } else {
                    body.addProperty("status", "unhealthy");
                    body.addProperty("reason", result.reason());
                    JsonResponses.send(exchange, 503, body);
                }
            }
        } catch (Throwable e) { // the boundary: a failed probe must not stop the health server
            LOG.log(Level.ERROR, "health request failed", e);
            try {
                JsonResponses.send(exchange, 500, JsonResponses.error("internal_error", "internal error"));
            } catch (IOException | RuntimeException ignored) {
                LOG.log(Level.DEBUG, "could not send the error response", ignored);
            }
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
