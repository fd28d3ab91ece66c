package dev.provably.nautilus.enclave.server;

import com.google.gson.JsonObject;
import dev.provably.nautilus.enclave.analysis.AnalysisRun;
import dev.provably.nautilus.enclave.http.ApiRequest;
import dev.provably.nautilus.enclave.http.ApiResponse;
import dev.provably.nautilus.enclave.http.Endpoint;
import dev.provably.nautilus.enclave.jobs.QueueStats;
import dev.provably.nautilus.enclave.metrics.AnalysisTimes;
import dev.provably.nautilus.enclave.signing.ReportSigner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** {@code GET /health}: liveness, uptime, mode, public key, the analysis identities, request counts, the job queue and analysis times. */
final class HealthEndpoint implements Endpoint {
    private final ReportSigner signer;
    private final JsonObject analysis;
    private final Metrics metrics;
    private final LongSupplier errors;
    private final Supplier<QueueStats> queue;
    private final AnalysisTimes times;
    private final Clock clock;
    private final Instant started;

    HealthEndpoint(
            ReportSigner signer,
            AnalysisRun analysis,
            Metrics metrics,
            LongSupplier errors,
            Supplier<QueueStats> queue,
            AnalysisTimes times,
            Clock clock) {
        this.signer = signer;
        this.analysis = analysis.expectedAnalysis().toJson();
        this.metrics = metrics;
        this.errors = errors;
        this.queue = queue;
        this.times = times;
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
        body.addProperty(
                "uptimeSeconds", Duration.between(started, clock.instant()).toSeconds());
        body.addProperty("publicKey", HexFormat.of().formatHex(signer.publicKey()));
        body.add("analysis", analysis.deepCopy());
        body.add("counts", counts);
        body.add("queue", queue(queue.get()));
        body.add("analysisTimes", times());
        return ApiResponse.ok(body);
    }

    private static JsonObject queue(QueueStats stats) {
        JsonObject queue = new JsonObject();
        queue.addProperty("depth", stats.queued());
        queue.addProperty("running", stats.running());
        queue.addProperty("done", stats.done());
        queue.addProperty("failed", stats.failed());
        queue.addProperty("timedOut", stats.timedOut());
        queue.addProperty("abandoned", stats.abandoned());
        queue.addProperty("heldBytes", stats.heldBytes());
        queue.addProperty("keptResults", stats.keptResults());
        queue.addProperty("workers", stats.workers());
        return queue;
    }

    /** {@code {"<analyzer>": {"count": n, "p50Ms": x, "p99Ms": y}}}. */
    private JsonObject times() {
        JsonObject result = new JsonObject();
        times.snapshot().forEach((name, summary) -> {
            JsonObject one = new JsonObject();
            one.addProperty("count", summary.count());
            one.addProperty("p50Ms", Math.round(summary.p50Millis() * 1000) / 1000.0);
            one.addProperty("p99Ms", Math.round(summary.p99Millis() * 1000) / 1000.0);
            result.add(name, one);
        });
        return result;
    }
}
