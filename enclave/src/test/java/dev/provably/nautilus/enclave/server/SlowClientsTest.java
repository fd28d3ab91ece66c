package dev.provably.nautilus.enclave.server;

import static dev.provably.nautilus.enclave.server.TestEnclave.REFERENCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, item 3: slow clients cannot take the enclave offline. Before Jetty, four idle half-sent
 * uploads stalled every route, {@code /health} included, for up to 120 s.
 */
class SlowClientsTest {
    private static final int TRICKLERS = 64;
    /** Generous for a loaded 2-core CI machine; a stalled server takes tens of seconds. */
    private static final long HEALTH_BOUND_MS = 1_000;

    @Test
    @DisplayName("64 connections trickling 1 byte/s: /health keeps answering and a normal report completes")
    void tricklingClients(@TempDir Path state) throws Exception {
        try (TestEnclave enclave = TestEnclave.start(state, EnclaveServer.DEFAULT_MAX_BODY_BYTES)) {
            int port = enclave.server.address().getPort();
            assertEquals(200, enclave.send("GET", "/health").statusCode()); // the client's connection, warmed up
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < TRICKLERS; i++) {
                    Socket socket = new Socket("127.0.0.1", port);
                    sockets.add(socket);
                    // Half stall in their headers, half in a body they promise but never finish.
                    write(
                            socket,
                            i % 2 == 0
                                    ? "POST /v1/reports?" + REFERENCE + " HTTP/1.1\r\nHost: x\r\nContent-Ty"
                                    : "POST /v1/reports?" + REFERENCE
                                            + " HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\n"
                                            + "Content-Length: 1000000\r\n\r\nab");
                }
                long worstHealthMs = 0;
                for (int second = 0; second < 3; second++) {
                    for (Socket socket : sockets) {
                        write(socket, "a"); // one more byte each, once a second
                    }
                    long start = System.nanoTime();
                    HttpResponse<String> health = enclave.send("GET", "/health");
                    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    worstHealthMs = Math.max(worstHealthMs, tookMs);
                    System.out.println("SlowClientsTest: /health in " + tookMs + " ms");
                    assertEquals(200, health.statusCode(), health.body());
                    Thread.sleep(1000);
                }
                System.out.println("SlowClientsTest: slowest /health among 3 with " + TRICKLERS
                        + " trickling connections: " + worstHealthMs + " ms");
                assertTrue(worstHealthMs < HEALTH_BOUND_MS, "/health took " + worstHealthMs + " ms");

                HttpResponse<String> report = enclave.post(
                        "/v1/reports?" + REFERENCE, "image/png", "a normal upload".getBytes(StandardCharsets.UTF_8));
                assertEquals(200, report.statusCode(), report.body());
                assertTrue(TestEnclave.json(report).has("attestation"));
            } finally {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
        }
    }

    private static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
