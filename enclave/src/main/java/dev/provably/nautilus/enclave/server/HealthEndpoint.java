package dev.provably.nautilus.enclave.server;

import com.google.gson.JsonObject;
import dev.provably.nautilus.enclave.http.ApiRequest;
import dev.provably.nautilus.enclave.http.ApiResponse;
import dev.provably.nautilus.enclave.http.Endpoint;
import dev.provably.nautilus.enclave.signing.ReportSigner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.LongSupplier;

/** {@code GET /health}: liveness, uptime, mode, public key and request counts. */
final class HealthEndpoint implements Endpoint {
    private final ReportSigner signer;
    private final Metrics metrics;
    private final LongSupplier errors;
    private final Clock clock;
    private final Instant started;

    HealthEndpoint(ReportSigner signer, Metrics metrics, LongSupplier errors, Clock clock) {
        this.signer = signer;
        this.metrics = metrics;
        this.errors = errors;
        this.clock = clock;
        this.started = clock.instant();
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        JsonObject counts = new JsonObject();
        counts.addProperty("reports", metrics.reports.get());
        counts.addProperty("attestations", metrics.attestations.get());
        counts.addProperty("errors", errors.getAsLong());
        JsonObject body = new JsonObject();
        body.addProperty("status", "ok");
        body.addProperty("mode", signer.mode());
        body.addProperty("uptimeSeconds", Duration.between(started, clock.instant()).toSeconds());
        body.addProperty("publicKey", HexFormat.of().formatHex(signer.publicKey()));
        body.add("counts", counts);
        return ApiResponse.ok(body);
    }
}
