package dev.provably.nautilus.enclave.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provably.nautilus.enclave.identity.IdentityException;
import dev.provably.nautilus.enclave.identity.SealedIdentity;
import dev.provably.nautilus.enclave.parent.ParentCredentialsProvider;
import dev.provably.nautilus.enclave.parent.ParentEndpoint;
import dev.provably.nautilus.enclave.parent.ParentEndpointException;
import dev.provably.nautilus.enclave.parent.ParentIdentityStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The parent's support endpoint: IMDSv2 credentials through the SDK's provider, and the identity store. */
class EnclaveSupportServerTest {
    private static final String RELEASE = "ab".repeat(48);

    @TempDir
    Path directory;

    private static InstanceProfileCredentialsProvider imds(FakeImds fake) {
        return InstanceProfileCredentialsProvider.builder()
                .endpoint(fake.endpoint())
                .asyncCredentialUpdateEnabled(false)
                .build();
    }

    private static ParentEndpoint endpoint(EnclaveSupportServer server) {
        return ParentEndpoint.of(
                URI.create("http://127.0.0.1:" + server.address().getPort()), Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("the enclave's provider gets the role's credentials the parent read from IMDSv2 (token PUT first)")
    void servesImdsCredentials() throws Exception {
        Instant expiration = Instant.now().plus(6, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        try (FakeImds fake = new FakeImds(expiration);
                EnclaveSupportServer server = EnclaveSupportServer.start(0, imds(fake), Optional.empty())) {
            assertTrue(server.address().getAddress().isLoopbackAddress(), "loopback only");
            var provider = new ParentCredentialsProvider(endpoint(server), Clock.systemUTC());
            AwsSessionCredentials credentials =
                    assertInstanceOf(AwsSessionCredentials.class, provider.resolveCredentials());
            assertEquals(FakeImds.ACCESS_KEY_ID, credentials.accessKeyId());
            assertEquals(FakeImds.SECRET, credentials.secretAccessKey());
            assertEquals(FakeImds.TOKEN, credentials.sessionToken());
            assertEquals(Optional.of(expiration), credentials.expirationTime());

            List<String> requests = fake.requests();
            assertEquals("PUT /latest/api/token", requests.get(0), requests.toString());
            assertTrue(
                    requests.contains("GET /latest/meta-data/iam/security-credentials/" + FakeImds.ROLE + " token"),
                    requests.toString());
            assertTrue(
                    requests.stream().filter(r -> r.startsWith("GET")).allMatch(r -> r.endsWith(" token")),
                    "every IMDS read carries the v2 token: " + requests);
        }
    }

    @Test
    @DisplayName("without IMDS credentials the endpoint answers 503 and the enclave's provider fails with the reason")
    void imdsUnavailable() throws Exception {
        try (FakeImds fake = new FakeImds(Instant.now().plus(1, ChronoUnit.HOURS));
                EnclaveSupportServer server = EnclaveSupportServer.start(0, imds(fake), Optional.empty())) {
            fake.refuseTokens();
            var provider = new ParentCredentialsProvider(endpoint(server), Clock.systemUTC());
            SdkClientException e = assertThrows(SdkClientException.class, provider::resolveCredentials);
            assertInstanceOf(ParentEndpointException.class, e.getCause());
            assertTrue(e.getMessage().contains("HTTP 503"), e.getMessage());
        }
    }

    @Test
    @DisplayName("long-lived keys (no expiration) are never handed to the enclave")
    void refusesLongLivedKeys() throws Exception {
        var keys = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAFAKE000000000001", "s".repeat(40)));
        try (EnclaveSupportServer server = EnclaveSupportServer.start(0, keys, Optional.empty())) {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                            + server.address().getPort() + "/v1/credentials"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(503, response.statusCode());
            assertTrue(response.body().contains("not short-lived"), response.body());
        }
    }

    @Test
    @DisplayName("the parent stores a release's sealed record once, returns it, and refuses to replace it")
    void storesSealedIdentities() throws Exception {
        Path records = directory.resolve("identity");
        try (EnclaveSupportServer server = EnclaveSupportServer.start(
                0,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")),
                Optional.of(new DirectoryRecordStore(records)))) {
            var store = new ParentIdentityStore(endpoint(server));
            assertEquals(Optional.empty(), store.load(RELEASE));
            SealedIdentity sealed = new SealedIdentity(RELEASE, new byte[] {1, 2, 3}, new byte[32]);
            store.save(sealed);
            assertEquals(Optional.of(sealed), store.load(RELEASE));
            assertTrue(Files.exists(records.resolve("identity-" + RELEASE + ".json")), "kept on the parent's disk");

            IdentityException replaced = assertThrows(
                    IdentityException.class,
                    () -> store.save(new SealedIdentity(RELEASE, new byte[] {9}, new byte[32])));
            assertTrue(replaced.getMessage().contains("HTTP 409"), replaced.getMessage());
            assertEquals(Optional.of(sealed), store.load(RELEASE), "the first record stays");

            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.address().getPort() + ParentIdentityStore.PATH;
            assertEquals(
                    400,
                    client.send(
                                    HttpRequest.newBuilder(URI.create(base + "not-a-pcr"))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode());
            String other = "cd".repeat(48);
            assertEquals(
                    400,
                    client.send(
                                    HttpRequest.newBuilder(URI.create(base + other))
                                            .PUT(HttpRequest.BodyPublishers.ofString(
                                                    "{\"release\":\"" + RELEASE + "\"}"))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode(),
                    "a malformed record is refused");
            assertEquals(
                    413,
                    client.send(
                                    HttpRequest.newBuilder(URI.create(base + other))
                                            .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[64 * 1024]))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode(),
                    "the body is bounded");
            assertEquals(Optional.empty(), store.load(other));
        }
    }

    @Test
    @DisplayName("a corrupt record on the parent's disk is an error for the enclave, never \"no identity\"")
    void corruptRecordIsAnError() throws Exception {
        Path records = Files.createDirectories(directory.resolve("identity"));
        Files.writeString(records.resolve("identity-" + RELEASE + ".json"), "{\"release\":");
        try (EnclaveSupportServer server = EnclaveSupportServer.start(
                0,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")),
                Optional.of(new DirectoryRecordStore(records)))) {
            IdentityException e = assertThrows(
                    IdentityException.class, () -> new ParentIdentityStore(endpoint(server)).load(RELEASE));
            assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
        }
    }

    @Test
    @DisplayName("without a store directory the identity routes do not exist")
    void noStoreNoRoutes() throws Exception {
        try (EnclaveSupportServer server = EnclaveSupportServer.start(
                0, StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")), Optional.empty())) {
            IdentityException e = assertThrows(IdentityException.class, () -> new ParentIdentityStore(endpoint(server))
                    .save(new SealedIdentity(RELEASE, new byte[] {1}, new byte[32])));
            assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        }
    }
}
