package dev.provably.nautilus.enclave.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provably.nautilus.enclave.identity.IdentityException;
import dev.provably.nautilus.enclave.identity.SealedIdentity;
import dev.provably.nautilus.enclave.identity.SealedIdentityJson;
import dev.provably.nautilus.enclave.parent.ParentEndpoint;
import dev.provably.nautilus.enclave.parent.ParentIdentityStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;

/** Sealed records in SSM Parameter Store, through the parent's support endpoint, against a local SSM fake. */
class ParameterStoreRecordStoreTest {
    private static final String RELEASE = "ab".repeat(48);
    private static final String PREFIX = "/nautilus/demo-prod";
    private static final String NAME = PREFIX + "/identity/" + RELEASE;

    private FakeSsm ssm;
    private SsmClient client;
    private EnclaveSupportServer server;
    private ParentIdentityStore enclaveSide;

    @BeforeEach
    void start() throws Exception {
        ssm = new FakeSsm();
        client = SsmClient.builder()
                .endpointOverride(ssm.endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
                .build();
        server = EnclaveSupportServer.start(
                0,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")),
                Optional.of(new ParameterStoreRecordStore(client, PREFIX)));
        enclaveSide = new ParentIdentityStore(ParentEndpoint.of(
                URI.create("http://127.0.0.1:" + server.address().getPort()), Duration.ofSeconds(10)));
    }

    @AfterEach
    void stop() {
        server.close();
        client.close();
        ssm.close();
    }

    private static SealedIdentity sealed(int ciphertextLength) {
        byte[] ciphertext = new byte[ciphertextLength];
        ciphertext[0] = 7;
        return new SealedIdentity(RELEASE, ciphertext, new byte[32]);
    }

    @Test
    @DisplayName("no parameter: the enclave hears 404 (\"none\"), and nothing is written by asking")
    void missingRecordIsNotFound() throws Exception {
        assertEquals(Optional.empty(), enclaveSide.load(RELEASE));
        assertTrue(ssm.parameters.isEmpty());
    }

    @Test
    @DisplayName(
            "stored once as a plain Standard-tier String without overwrite, read back the same; a second store is 409")
    void storesOnce() throws Exception {
        SealedIdentity first = sealed(184); // a KMS ciphertext blob for a 32-byte data key is about this size
        enclaveSide.save(first);
        assertEquals(Optional.of(first), enclaveSide.load(RELEASE));
        assertEquals(SealedIdentityJson.encode(first), ssm.parameters.get(NAME));
        var put = ssm.lastPut.get(NAME);
        assertEquals("String", put.get("Type").getAsString());
        assertEquals("Standard", put.get("Tier").getAsString());
        assertFalse(put.get("Overwrite").getAsBoolean(), "write once: never Overwrite=true");

        IdentityException again = assertThrows(IdentityException.class, () -> enclaveSide.save(sealed(200)));
        assertTrue(again.getMessage().contains("HTTP 409"), again.getMessage());
        assertEquals(Optional.of(first), enclaveSide.load(RELEASE), "the first record stays");
    }

    @Test
    @DisplayName("SSM throttled or down: 503 for reads and writes, never \"no identity\"")
    void unavailableIsNeverNotFound() throws Exception {
        for (FakeSsm.Mode mode : new FakeSsm.Mode[] {FakeSsm.Mode.THROTTLED, FakeSsm.Mode.UNAVAILABLE}) {
            ssm.mode(mode);
            assertEquals(503, status("GET", null), mode + " read");
            assertEquals(503, status("PUT", SealedIdentityJson.encode(sealed(184))), mode + " write");
            IdentityException e = assertThrows(IdentityException.class, () -> enclaveSide.load(RELEASE));
            assertTrue(e.getMessage().contains("HTTP 503"), e.getMessage());
        }
        assertTrue(ssm.parameters.isEmpty());
    }

    @Test
    @DisplayName("a record over the Standard tier's 4 KB is refused with 413 before SSM is asked")
    void oversizedRecordRefused() throws Exception {
        String big = SealedIdentityJson.encode(sealed(4096));
        assertTrue(
                big.length() > ParameterStoreRecordStore.MAX_VALUE_BYTES && big.length() < 16 * 1024,
                "fits the endpoint");
        int before = ssm.calls.get();
        assertEquals(413, status("PUT", big));
        assertEquals(before, ssm.calls.get(), "SSM never saw it");
        assertEquals(Optional.empty(), enclaveSide.load(RELEASE));
    }

    @Test
    @DisplayName("a corrupt or oversized parameter is an error (500), never \"no identity\"")
    void corruptParameterIsAnError() throws Exception {
        ssm.parameters.put(NAME, "{\"release\":");
        assertEquals(500, status("GET", null));
        ssm.parameters.put(NAME, "x".repeat(5000));
        assertEquals(500, status("GET", null));
    }

    @Test
    @DisplayName("the prefix is a parameter path outside SSM's reserved roots")
    void prefixIsChecked() {
        for (String bad : new String[] {"nautilus", "/nautilus/", "/nautilus//x", "/aws/x", "/ssm/x", "/a b", ""}) {
            assertThrows(IllegalArgumentException.class, () -> ParameterStoreRecordStore.checkPrefix(bad), bad);
        }
        assertEquals(PREFIX, ParameterStoreRecordStore.checkPrefix(PREFIX));
    }

    private int status(String method, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.address().getPort() + ParentIdentityStore.PATH + RELEASE));
        request = body == null
                ? request.GET()
                : request.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
