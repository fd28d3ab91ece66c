package dev.provably.nautilus.enclave.server;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import dev.provably.nautilus.enclave.signing.ReportSigner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/** {@code GET /health}: liveness, uptime, mode, public key and request counts. */
final class HealthEndpoint implements Endpoint {
    private final ReportSigner signer;
    private final Metrics metrics;
    private final Clock clock;
    private final Instant started;

    HealthEndpoint(ReportSigner signer, Metrics metrics, Clock clock) {
        this.signer = signer;
        this.metrics = metrics;
        this.clock = clock;
        this.started = clock.instant();
    }

    @Override
    public JsonObject handle(HttpExchange exchange) {
        JsonObject counts = new JsonObject();
        counts.addProperty("reports", metrics.reports.get());
        counts.addProperty("attestations", metrics.attestations.get());
        counts.addProperty("errors", metrics.errors.get());
        JsonObject body = new JsonObject();
        body.addProperty("status", "ok");
        body.addProperty("mode", signer.mode());
        body.addProperty("uptimeSeconds", Duration.between(started, clock.instant()).toSeconds());
        body.addProperty("publicKey", HexFormat.of().formatHex(signer.publicKey()));
        body.add("counts", counts);
        return body;
    }
}
