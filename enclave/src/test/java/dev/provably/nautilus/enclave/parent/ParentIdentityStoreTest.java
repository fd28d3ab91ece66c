package dev.provably.nautilus.enclave.parent;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.provably.nautilus.enclave.identity.IdentityException;
import dev.provably.nautilus.enclave.identity.SealedIdentity;
import dev.provably.nautilus.enclave.identity.SealedIdentityJson;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The enclave's view of the parent's store when the parent misbehaves: every oddity is an error, never "none". */
class ParentIdentityStoreTest {
    private static final String RELEASE = "ab".repeat(48);

    private record Reply(int status, byte[] body) {}

    private static String failure(AtomicReference<Reply> reply, Reply answer) throws Exception {
        HttpServer parent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        parent.createContext("/", exchange -> {
            Reply current = reply.get();
            exchange.sendResponseHeaders(current.status(), current.body().length == 0 ? -1 : current.body().length);
            if (current.body().length > 0) {
                exchange.getResponseBody().write(current.body());
            }
            exchange.close();
        });
        parent.start();
        try {
            reply.set(answer);
            ParentIdentityStore store = new ParentIdentityStore(ParentEndpoint.of(
                    URI.create("http://127.0.0.1:" + parent.getAddress().getPort()), Duration.ofSeconds(5)));
            return assertThrows(IdentityException.class, () -> store.load(RELEASE))
                    .getMessage();
        } finally {
            parent.stop(0);
        }
    }

    @Test
    @DisplayName("an error status, a huge answer, a corrupt record and another release's record are errors")
    void hostileAnswers() throws Exception {
        AtomicReference<Reply> reply = new AtomicReference<>();
        assertTrue(failure(reply, new Reply(503, new byte[0])).contains("HTTP 503"));
        assertTrue(failure(reply, new Reply(200, new byte[SealedIdentityJson.MAX_BYTES + 1]))
                .contains("larger than"));
        assertTrue(failure(reply, new Reply(200, "{\"release\":1}".getBytes(StandardCharsets.UTF_8)))
                .contains("must be an object"));
        String other = SealedIdentityJson.encode(new SealedIdentity("cd".repeat(48), new byte[] {1}, new byte[32]));
        assertTrue(failure(reply, new Reply(200, other.getBytes(StandardCharsets.UTF_8)))
                .contains("names another release"));
    }

    @Test
    @DisplayName("an unreachable parent is an error, so a first enclave never seals a second identity because of it")
    void unreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ParentIdentityStore store = new ParentIdentityStore(
                ParentEndpoint.of(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(2)));
        IdentityException e = assertThrows(IdentityException.class, () -> store.load(RELEASE));
        assertTrue(e.getMessage().contains("cannot read the sealed identity from the parent"), e.getMessage());
    }
}
