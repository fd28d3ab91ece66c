package dev.provably.nautilus.enclave.server;

import com.google.gson.JsonObject;
import dev.provably.nautilus.enclave.http.ApiException;
import dev.provably.nautilus.enclave.http.ApiRequest;
import dev.provably.nautilus.enclave.http.ApiResponse;
import dev.provably.nautilus.enclave.http.Endpoint;
import dev.provably.nautilus.enclave.http.JsonResponses;
import dev.provably.nautilus.enclave.jobs.JobId;
import dev.provably.nautilus.enclave.jobs.JobQueue;
import dev.provably.nautilus.enclave.jobs.JobStatus;
import java.util.Set;

/**
 * {@code GET /v1/analyses/{id}}: {@code queued} (with {@code position}, 1 = next), {@code running},
 * {@code done} (with {@code result}, exactly the body {@code POST /v1/reports} answers) or
 * {@code failed} (with {@code error}); 404 once the outcome has expired or for an unknown id.
 * Quick (a map lookup), so it runs inline and polling never waits for a worker.
 */
final class AnalysisStatusEndpoint implements Endpoint {
    static final String TEMPLATE = AnalysesEndpoint.PATH + "/{id}";

    private final JobQueue<ReportPipeline.Submission, JsonObject> queue;

    AnalysisStatusEndpoint(JobQueue<ReportPipeline.Submission, JsonObject> queue) {
        this.queue = queue;
    }

    @Override
    public ApiResponse handle(ApiRequest request) throws ApiException {
        QueryParameters.parse(request.rawQuery(), Set.of());
        String raw = request.pathParameter("id");
        JobId id = JobId.parse(raw)
                .orElseThrow(() -> ApiException.badRequest(
                        "bad_analysis_id",
                        "an analysis id is 32 lower-case hex digits, got " + ApiException.quote(raw)));
        JobStatus<JsonObject> status = queue.status(id)
                .orElseThrow(() -> new ApiException(
                        404,
                        "no_such_analysis",
                        "no analysis " + id + ": unknown, or its outcome was kept for "
                                + queue.limits().resultTtl().toSeconds() + " s and has expired"));
        return ApiResponse.ok(view(status));
    }

    static JsonObject view(JobStatus<JsonObject> status) {
        JsonObject body = new JsonObject();
        body.addProperty("id", status.id().value());
        if (status instanceof JobStatus.Queued<JsonObject> queued) {
            body.addProperty("status", "queued");
            body.addProperty("position", queued.position());
        } else if (status instanceof JobStatus.Running<JsonObject>) {
            body.addProperty("status", "running");
        } else if (status instanceof JobStatus.Done<JsonObject> done) {
            body.addProperty("status", "done");
            body.add("result", done.result());
        } else if (status instanceof JobStatus.Failed<JsonObject> failed) {
            body.addProperty("status", "failed");
            body.add(
                    "error",
                    JsonResponses.error(
                                    failed.failure().code(), failed.failure().message())
                            .get("error"));
        }
        return body;
    }
}
