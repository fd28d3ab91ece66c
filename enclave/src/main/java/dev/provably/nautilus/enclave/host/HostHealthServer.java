package dev.provably.nautilus.enclave.host;

import com.google.gson.JsonObject;
import dev.provably.nautilus.enclave.http.ApiResponse;
import dev.provably.nautilus.enclave.http.JsonHttpServer;
import dev.provably.nautilus.enclave.http.Router;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The parent instance's {@code GET /health}: 200 {@code {"status":"healthy","enclave":{…}}} or
 * 503 {@code {"status":"unhealthy","reason":"…"}}; other paths 404 and other methods 405. It runs
 * on the same {@link JsonHttpServer} boundary as the enclave API; probes run on its workers.
 */
public final class HostHealthServer implements AutoCloseable {
    private static final int WORKERS = 4;

    private final JsonHttpServer http;

    private HostHealthServer(JsonHttpServer http) {
        this.http = http;
    }

    public static HostHealthServer start(InetSocketAddress address, EnclaveProbe probe) throws IOException {
        Router router = Router.builder()
                .getOnWorker("/health", request -> health(probe))
                .build();
        return new HostHealthServer(
                JsonHttpServer.start("host-health", address, router, JsonHttpServer.Limits.defaults(WORKERS)));
    }

    public InetSocketAddress address() {
        return http.address();
    }

    private static ApiResponse health(EnclaveProbe probe) {
        ProbeResult result = probe.probe();
        JsonObject body = new JsonObject();
        if (result.healthy()) {
            body.addProperty("status", "healthy");
            body.add("enclave", result.enclave());
            return ApiResponse.ok(body);
        }
        body.addProperty("status", "unhealthy");
        body.addProperty("reason", result.reason());
        return ApiResponse.of(503, body);
    }

    @Override
    public void close() {
        http.close();
    }
}
