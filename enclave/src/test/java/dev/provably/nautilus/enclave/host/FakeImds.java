package dev.provably.nautilus.enclave.host;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An IMDSv2 stand-in for tests: {@code PUT /latest/api/token} (with the TTL header) issues a token,
 * and only requests carrying it get the role name and the role's credentials. Everything else is 404
 * (the SDK falls back from newer paths to these). It records each request as "METHOD path token?".
 */
public final class FakeImds implements AutoCloseable {
    public static final String ROLE = "nautilus-host-role";
    public static final String ACCESS_KEY_ID = "ASIAFAKEIMDS00000001";
    public static final String SECRET = "fake-secret-access-key-0000000000000000";
    public static final String TOKEN = "fake-session-token-00000000000000000000";
    private static final String IMDS_TOKEN = "imds-v2-token";
    private static final String CREDENTIALS_PATH = "/latest/meta-data/iam/security-credentials/";

    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile Instant expiration;
    private volatile boolean issueTokens = true;

    public FakeImds(Instant expiration) throws IOException {
        this.expiration = expiration;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** IMDSv2 refuses tokens (as with a hop limit the caller exceeds): nothing gets credentials. */
    public void refuseTokens() {
        issueTokens = false;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String token = exchange.getRequestHeaders().getFirst("X-aws-ec2-metadata-token");
        requests.add(method + " " + path + (IMDS_TOKEN.equals(token) ? " token" : ""));
        if ("PUT".equals(method) && "/latest/api/token".equals(path)) {
            if (issueTokens && exchange.getRequestHeaders().getFirst("X-aws-ec2-metadata-token-ttl-seconds") != null) {
                reply(exchange, 200, IMDS_TOKEN);
            } else {
                reply(exchange, 403, "");
            }
            return;
        }
        if (!"GET".equals(method) || !IMDS_TOKEN.equals(token)) {
            reply(exchange, 401, "");
            return;
        }
        if (CREDENTIALS_PATH.equals(path)) {
            reply(exchange, 200, ROLE);
        } else if ((CREDENTIALS_PATH + ROLE).equals(path)) {
            reply(
                    exchange,
                    200,
                    "{\"Code\":\"Success\",\"LastUpdated\":\"" + Instant.now() + "\",\"Type\":\"AWS-HMAC\","
                            + "\"AccessKeyId\":\"" + ACCESS_KEY_ID + "\",\"SecretAccessKey\":\"" + SECRET
                            + "\",\"Token\":\""
                            + TOKEN + "\",\"Expiration\":\"" + expiration + "\"}");
        } else {
            reply(exchange, 404, "");
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
