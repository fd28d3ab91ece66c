package dev.provably.nautilus.enclave.server;

import com.google.gson.JsonObject;
import dev.provably.nautilus.enclave.analysis.AnalysisRun;
import dev.provably.nautilus.enclave.http.ApiException;
import dev.provably.nautilus.enclave.http.JsonHttpServer;
import dev.provably.nautilus.enclave.http.Router;
import dev.provably.nautilus.enclave.jobs.JobFailedException;
import dev.provably.nautilus.enclave.jobs.JobQueue;
import dev.provably.nautilus.enclave.metrics.AnalysisTimes;
import dev.provably.nautilus.enclave.signing.ReportSigner;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The enclave's HTTP API: {@code POST /v1/reports} (synchronous), {@code POST /v1/analyses} and
 * {@code GET /v1/analyses/{id}} (the same {@link ReportPipeline} through a bounded {@link JobQueue}),
 * {@code GET /v1/attestation}, {@code GET /health}, on the shared {@link JsonHttpServer} boundary
 * (slow clients never hold a worker; {@code /health} and status polls answer on the network thread
 * even while every worker is busy).
 */
public final class EnclaveServer implements AutoCloseable {
    public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;
    private static final System.Logger LOG = System.getLogger(EnclaveServer.class.getName());

    /** Where to listen, how much to take and how long to wait; {@code jobs} bounds the analysis queue. */
    public record Settings(
            InetSocketAddress address, long maxBodyBytes, JsonHttpServer.Limits limits, JobQueue.Limits jobs) {
        public Settings {
            if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(
                        "maxBodyBytes must be 1.." + (Integer.MAX_VALUE - 8) + ", got " + maxBodyBytes);
            }
            Objects.requireNonNull(jobs, "jobs");
            if (jobs.maxHeldBytes() < maxBodyBytes) {
                throw new IllegalArgumentException("the queue's byte budget (" + jobs.maxHeldBytes()
                        + ") must hold at least one body of the largest size (" + maxBodyBytes + ")");
            }
        }

        /** Queue defaults with one analysis worker per available CPU. */
        public Settings(InetSocketAddress address, long maxBodyBytes, int threads) {
            this(
                    address,
                    maxBodyBytes,
                    JsonHttpServer.Limits.defaults(threads),
                    JobQueue.Limits.defaults(Runtime.getRuntime().availableProcessors()));
        }
    }

    private final JsonHttpServer http;
    private final JobQueue<ReportPipeline.Submission, JsonObject> queue;

    private EnclaveServer(JsonHttpServer http, JobQueue<ReportPipeline.Submission, JsonObject> queue) {
        this.http = http;
        this.queue = queue;
    }

    /** Serves reports whose analysis is {@code analysis}: the image's fixed analyzers and policy. */
    public static EnclaveServer start(Settings settings, ReportSigner signer, AnalysisRun analysis, Clock clock)
            throws IOException {
        Metrics metrics = new Metrics();
        AnalysisTimes times = new AnalysisTimes();
        AtomicLong errors = new AtomicLong();
        ReportPipeline pipeline = new ReportPipeline(signer, analysis, metrics, times);
        JobQueue<ReportPipeline.Submission, JsonObject> queue =
                JobQueue.start("enclave-analysis", settings.jobs(), submission -> runJob(pipeline, submission));
        Router router = Router.builder()
                .post("/v1/reports", new ReportsEndpoint(pipeline), settings.maxBodyBytes())
                .route(new Router.Route(
                        "POST",
                        AnalysesEndpoint.PATH,
                        new AnalysesEndpoint(pipeline, queue),
                        settings.maxBodyBytes(),
                        Router.Work.INLINE))
                .get(AnalysisStatusEndpoint.TEMPLATE, new AnalysisStatusEndpoint(queue))
                .getOnWorker("/v1/attestation", new AttestationEndpoint(signer, metrics))
                .get("/health", new HealthEndpoint(signer, analysis, metrics, errors::get, queue::stats, times, clock))
                .build();
        try {
            return new EnclaveServer(
                    JsonHttpServer.start("enclave-http", settings.address(), router, settings.limits(), errors), queue);
        } catch (IOException | RuntimeException e) {
            queue.close();
            throw e;
        }
    }

    /** A queued job: the pipeline's refusal becomes the job's failure reason, as the 4xx/5xx would have been. */
    private static JsonObject runJob(ReportPipeline pipeline, ReportPipeline.Submission submission)
            throws JobFailedException {
        try {
            return pipeline.run(submission);
        } catch (ApiException e) {
            if (e.getCause() != null) {
                LOG.log(Level.WARNING, e.getMessage(), e.getCause());
            }
            throw new JobFailedException(e.code(), e.getMessage());
        }
    }

    public InetSocketAddress address() {
        return http.address();
    }

    @Override
    public void close() {
        http.close();
        queue.close();
    }
}
