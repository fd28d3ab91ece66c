package dev.provably.nautilus.enclave.host;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The parent instance's {@code GET /health}: 200 {@code {"status":"healthy","enclave":{…}}} or
 * 503 {@code {"status":"unhealthy","reason":"…"}}; other paths 404 and other methods 405.
 */
public final class HostHealthServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HostHealthServer.class.getName());
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

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
                send(exchange, 404, error("not_found", "no such path; try /health"));
            } else if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, error("method_not_allowed", "use GET"));
            } else {
                ProbeResult result = probe.probe();
                JsonObject body = new JsonObject();
                if (result.healthy()) {
                    body.addProperty("status", "healthy");
                    body.add("enclave", result.enclave());
                    send(exchange, 200, body);
                } else {
                    body.addProperty("status", "unhealthy");
                    body.addProperty("reason", result.reason());
                    send(exchange, 503, body);
                }
            }
        } catch (Throwable e) { // the boundary: a failed probe must not stop the health server
            LOG.log(Level.ERROR, "health request failed", e);
            try {
                send(exchange, 500, error("internal_error", "internal error"));
            } catch (IOException | RuntimeException ignored) {
                LOG.log(Level.DEBUG, "could not send the error response", ignored);
            }
        } finally {
            exchange.close();
        }
    }

    private static JsonObject error(String code, String message) {
        JsonObject error = new JsonObject();
        error.addProperty("code", code);
        error.addProperty("message", message);
        JsonObject body = new JsonObject();
        body.add("error", error);
        return body;
    }

    private static void send(HttpExchange exchange, int status, JsonObject body) throws IOException {
        byte[] bytes = GSON.toJson(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
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
