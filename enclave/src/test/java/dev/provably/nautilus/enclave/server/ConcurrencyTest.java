package dev.provably.nautilus.enclave.server;

import static dev.provably.nautilus.enclave.server.TestEnclave.REFERENCE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.provably.nautilus.attestation.AttestationVerifier;
import dev.provably.nautilus.attestation.TrustAnchor;
import dev.provably.nautilus.report.IntentMessage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrencyTest {
    private static final int CLIENTS = 16;
    private static final int REQUESTS_PER_CLIENT = 2;

    @Test
    @DisplayName("16 parallel clients with distinct media each get a report that verifies and binds their own media")
    void parallelClients(@TempDir Path state) throws Exception {
        try (TestEnclave enclave = TestEnclave.start(state, 1024 * 1024)) {
            AttestationVerifier verifier = AttestationVerifier.builder()
                    .anyEnclaveImage()
                    .trustAnchor(TrustAnchor.of(enclave.ca.root()))
                    .build();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            CountDownLatch go = new CountDownLatch(1);
            try {
                List<Future<Void>> results = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    results.add(clients.submit(() -> {
                        go.await();
                        for (int r = 0; r < REQUESTS_PER_CLIENT; r++) {
                            byte[] media = ("client " + client + " request " + r + " ")
                                    .repeat(50 + client)
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                            byte[] nonce = {(byte) client, (byte) r};
                            HttpRequest request = HttpRequest.newBuilder(enclave.uri("/v1/reports?" + REFERENCE
                                            + "&nonce=" + HexFormat.of().formatHex(nonce)))
                                    .header("Content-Type", "application/octet-stream")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(media))
                                    .build();
                            HttpResponse<String> response =
                                    enclave.client.send(request, HttpResponse.BodyHandlers.ofString());
                            assertEquals(200, response.statusCode(), response.body());
                            JsonObject body =
                                    JsonParser.parseString(response.body()).getAsJsonObject();
                            IntentMessage message = ResponseCheck.verify(
                                    verifier, ResponseCheck.Parts.of(body), enclave.signer.publicKey(), nonce);
                            assertArrayEquals(
                                    ResponseCheck.sha256(media), message.data().mediaSha256());
                            assertEquals(media.length, message.data().mediaLength());
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<Void> result : results) {
                    result.get();
                }
            } finally {
                clients.shutdownNow();
            }
            JsonObject health = TestEnclave.json(enclave.send("GET", "/health"));
            assertEquals(
                    CLIENTS * REQUESTS_PER_CLIENT,
                    health.getAsJsonObject("counts").get("reports").getAsLong());
            assertEquals(0, health.getAsJsonObject("counts").get("errors").getAsLong());
        }
    }
}
