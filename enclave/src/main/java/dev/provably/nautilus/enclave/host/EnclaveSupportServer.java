package dev.provably.nautilus.enclave.host;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.provably.nautilus.enclave.http.ApiException;
import dev.provably.nautilus.enclave.http.ApiRequest;
import dev.provably.nautilus.enclave.http.ApiResponse;
import dev.provably.nautilus.enclave.http.JsonHttpServer;
import dev.provably.nautilus.enclave.http.Router;
import dev.provably.nautilus.enclave.identity.IdentityException;
import dev.provably.nautilus.enclave.identity.SealedIdentity;
import dev.provably.nautilus.enclave.identity.SealedIdentityJson;
import dev.provably.nautilus.enclave.parent.CredentialsJson;
import dev.provably.nautilus.enclave.parent.ParentCredentialsProvider;
import dev.provably.nautilus.enclave.parent.ParentIdentityStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What the parent does for the enclave besides carrying its traffic, on a loopback port that a socat
 * unit bridges to vsock: {@code GET /v1/credentials} serves the instance role's short-lived
 * credentials (read from IMDSv2 by the SDK's own provider, which caches and refreshes them), and,
 * with a {@link RecordStore}, {@code GET}/{@code PUT /v1/identity/<PCR0>} keeps the sealed identity
 * records (on the parent's disk, or in SSM Parameter Store so they outlive the host). It listens on
 * loopback only: the credentials are the instance's own, so a local process learns nothing it could
 * not read from IMDS; nothing else may reach them.
 */
public final class EnclaveSupportServer implements AutoCloseable {
    private static final int WORKERS = 2;
    private static final int MAX_RECORD_BYTES = 16 * 1024;

    private final JsonHttpServer http;

    private EnclaveSupportServer(JsonHttpServer http) {
        this.http = http;
    }

    /**
     * @param port the loopback port (0 for any)
     * @param credentials the instance role's credentials (production: the SDK's instance profile provider)
     * @param store where this host keeps sealed identities, if it does
     */
    public static EnclaveSupportServer start(int port, AwsCredentialsProvider credentials, Optional<RecordStore> store)
            throws IOException {
        Router.Builder routes =
                Router.builder().getOnWorker(ParentCredentialsProvider.PATH, request -> credentials(credentials));
        store.ifPresent(
                records -> routes.getOnWorker(ParentIdentityStore.PATH + "{release}", request -> load(records, request))
                        .route(new Router.Route(
                                "PUT",
                                ParentIdentityStore.PATH + "{release}",
                                request -> save(records, request),
                                MAX_RECORD_BYTES,
                                Router.Work.WORKER)));
        JsonHttpServer.Limits limits =
                JsonHttpServer.Limits.defaults(WORKERS).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
        return new EnclaveSupportServer(JsonHttpServer.start(
                "enclave-support",
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                routes.build(),
                limits));
    }

    public InetSocketAddress address() {
        return http.address();
    }

    private static ApiResponse credentials(AwsCredentialsProvider provider) throws ApiException {
        AwsCredentials resolved;
        try {
            resolved = provider.resolveCredentials();
        } catch (SdkException e) {
            throw new ApiException(
                    503, "credentials_unavailable", "cannot read the instance role's credentials: " + e.getMessage());
        }
        if (!(resolved instanceof AwsSessionCredentials session)
                || session.expirationTime().isEmpty()) {
            throw new ApiException(
                    503,
                    "credentials_unavailable",
                    "the instance's credentials are not short-lived session credentials; refusing to hand them out");
        }
        return ApiResponse.ok(CredentialsJson.toJson(session));
    }

    private static ApiResponse load(RecordStore store, ApiRequest request) throws ApiException {
        String release = release(request);
        Optional<SealedIdentity> identity;
        try {
            identity = store.load(release);
        } catch (RecordStoreException e) {
            throw storeError(e);
        }
        if (identity.isEmpty()) {
            throw new ApiException(404, "no_identity", "no sealed identity for this release");
        }
        return ApiResponse.ok(JsonParser.parseString(SealedIdentityJson.encode(identity.get())));
    }

    private static ApiResponse save(RecordStore store, ApiRequest request) throws ApiException {
        String release = release(request);
        SealedIdentity identity;
        try {
            identity = SealedIdentityJson.decode(request.body(), release, "in the request");
        } catch (IdentityException e) {
            throw ApiException.badRequest("bad_identity", e.getMessage());
        }
        try {
            // Once sealed, a release's record is never replaced through the endpoint: a second
            // identity would orphan the one registered on Sui. Rotation removes it by hand.
            store.saveOnce(identity);
        } catch (RecordStoreException e) {
            throw storeError(e);
        }
        JsonObject body = new JsonObject();
        body.addProperty("stored", release);
        return ApiResponse.ok(body);
    }

    private static ApiException storeError(RecordStoreException e) {
        String code =
                switch (e.kind()) {
                    case ALREADY_STORED -> "already_sealed";
                    case TOO_LARGE -> "record_too_large";
                    case UNAVAILABLE -> "store_unavailable";
                    case FAILED -> "store_failed";
                };
        return new ApiException(e.kind().status(), code, e.getMessage());
    }

    private static String release(ApiRequest request) throws ApiException {
        String release = request.pathParameter("release");
        if (!SealedIdentityJson.isRelease(release)) {
            throw ApiException.badRequest("bad_release", "the release must be a PCR0 as 96 lowercase hex digits");
        }
        return release;
    }

    @Override
    public void close() {
        http.close();
    }
}
