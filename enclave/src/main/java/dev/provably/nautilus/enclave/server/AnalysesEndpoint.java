package dev.provably.nautilus.enclave.server;

import com.google.gson.JsonObject;
import dev.provably.nautilus.enclave.http.ApiException;
import dev.provably.nautilus.enclave.http.ApiRequest;
import dev.provably.nautilus.enclave.http.ApiResponse;
import dev.provably.nautilus.enclave.http.Endpoint;
import dev.provably.nautilus.enclave.jobs.JobQueue;
import dev.provably.nautilus.enclave.jobs.JobStatus;
import dev.provably.nautilus.enclave.jobs.QueueFull;
import java.util.Map;

/**
 * {@code POST /v1/analyses}: the same request as {@code POST /v1/reports}, validated by the same
 * {@link ReportPipeline#accept}, then queued: 202 with the job's id and status URL, or 429 with
 * {@code Retry-After} when the queue is full. Quick (no media is processed here), so it runs inline.
 */
final class AnalysesEndpoint implements Endpoint {
    static final String PATH = "/v1/analyses";

    private final ReportPipeline pipeline;
    private final JobQueue<ReportPipeline.Submission, JsonObject> queue;

    AnalysesEndpoint(ReportPipeline pipeline, JobQueue<ReportPipeline.Submission, JsonObject> queue) {
        this.pipeline = pipeline;
        this.queue = queue;
    }

    @Override
    public ApiResponse handle(ApiRequest request) throws ApiException {
        ReportPipeline.Submission submission = pipeline.accept(request);
        JobStatus.Queued<JsonObject> queued;
        try {
            queued = queue.submit(submission, submission.bytes());
        } catch (QueueFull e) {
            throw new ApiException(
                    429,
                    "queue_full",
                    e.getMessage() + "; retry later",
                    Map.of("Retry-After", Long.toString(e.retryAfter().toSeconds())));
        } catch (IllegalStateException e) {
            throw new ApiException(503, "shutting_down", "the enclave is shutting down");
        }
        String statusUrl = PATH + "/" + queued.id();
        JsonObject body = AnalysisStatusEndpoint.view(queued);
        body.addProperty("statusUrl", statusUrl);
        return ApiResponse.of(202, body).withHeader("Location", statusUrl);
    }
}
