package dev.provably.nautilus.enclave.server;

import dev.provably.nautilus.enclave.http.ApiException;
import dev.provably.nautilus.enclave.http.ApiRequest;
import dev.provably.nautilus.enclave.http.ApiResponse;
import dev.provably.nautilus.enclave.http.Endpoint;

/**
 * {@code POST /v1/reports}: the {@link ReportPipeline} run synchronously on the HTTP worker. The
 * server has read the whole body (bounded) before this runs.
 */
final class ReportsEndpoint implements Endpoint {
    private final ReportPipeline pipeline;

    ReportsEndpoint(ReportPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public ApiResponse handle(ApiRequest request) throws ApiException {
        return ApiResponse.ok(pipeline.run(pipeline.accept(request)));
    }
}
