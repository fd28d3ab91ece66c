package dev.provably.nautilus.enclave.host;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.provably.nautilus.enclave.http.ApiRequest;
import dev.provably.nautilus.enclave.http.ApiResponse;
import dev.provably.nautilus.enclave.http.JsonHttpServer;
import dev.provably.nautilus.enclave.http.Router;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback stand-in for the part of the SSM JSON protocol the parent uses
 * ({@code X-Amz-Target: AmazonSSM.GetParameter / PutParameter}), so the real SDK client runs against it:
 * parameters in memory, {@code ParameterNotFound} and {@code ParameterAlreadyExists} as SSM sends
 * them, and a switch that makes it answer every call with a throttle or an outage.
 * Not checked: SigV4 signatures (only their presence) and IAM.
 */
public final class FakeSsm implements AutoCloseable {
    /** How the next calls are answered. */
    public enum Mode {
        NORMAL,
        THROTTLED,
        UNAVAILABLE
    }

    public final Map<String, String> parameters = new ConcurrentHashMap<>();
    final Map<String, JsonObject> lastPut = new ConcurrentHashMap<>();
    final AtomicInteger calls = new AtomicInteger();
    private volatile Mode mode = Mode.NORMAL;
    private final JsonHttpServer server;

    public FakeSsm() throws IOException {
        Router router = Router.builder().post("/", this::handle, 64 * 1024).build();
        server = JsonHttpServer.start(
                "ssm-fake",
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                router,
                JsonHttpServer.Limits.defaults(2));
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.address().getPort());
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    private ApiResponse handle(ApiRequest request) {
        calls.incrementAndGet();
        if (request.header("Authorization")
                .filter(a -> a.startsWith("AWS4-HMAC-SHA256 "))
                .isEmpty()) {
            return error(400, "MissingAuthenticationToken", "the request is not SigV4-signed");
        }
        switch (mode) {
            case THROTTLED -> {
                return error(400, "ThrottlingException", "Rate exceeded");
            }
            case UNAVAILABLE -> {
                return error(500, "InternalServerError", "the fake is down");
            }
            default -> {}
        }
        JsonObject body;
        try {
            JsonElement parsed = JsonParser.parseString(new String(request.body(), StandardCharsets.UTF_8));
            if (!parsed.isJsonObject() || !parsed.getAsJsonObject().has("Name")) {
                return error(400, "ValidationException", "a JSON object with a Name is required");
            }
            body = parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            return error(400, "SerializationException", "the body is not JSON");
        }
        String name = body.get("Name").getAsString();
        return switch (request.header("X-Amz-Target").orElse("")) {
            case "AmazonSSM.GetParameter" -> get(name);
            case "AmazonSSM.PutParameter" -> put(name, body);
            default -> error(400, "UnknownOperationException", "not implemented by the fake");
        };
    }

    private ApiResponse get(String name) {
        String value = parameters.get(name);
        if (value == null) {
            return error(400, "ParameterNotFound", "Parameter " + name + " not found.");
        }
        JsonObject parameter = new JsonObject();
        parameter.addProperty("Name", name);
        parameter.addProperty("Type", "String");
        parameter.addProperty("Value", value);
        parameter.addProperty("Version", 1);
        JsonObject answer = new JsonObject();
        answer.add("Parameter", parameter);
        return ApiResponse.ok(answer);
    }

    private ApiResponse put(String name, JsonObject body) {
        boolean overwrite = body.has("Overwrite") && body.get("Overwrite").getAsBoolean();
        String value = body.get("Value").getAsString();
        if (value.getBytes(StandardCharsets.UTF_8).length > 4096) {
            return error(
                    400,
                    "ValidationException",
                    "Standard tier parameters support a maximum parameter value of 4096 characters.");
        }
        if (!overwrite && parameters.putIfAbsent(name, value) != null) {
            return error(400, "ParameterAlreadyExists", "The parameter already exists.");
        }
        if (overwrite) {
            parameters.put(name, value);
        }
        lastPut.put(name, body);
        JsonObject answer = new JsonObject();
        answer.addProperty("Version", 1);
        answer.addProperty("Tier", "Standard");
        return ApiResponse.ok(answer);
    }

    private static ApiResponse error(int status, String type, String message) {
        JsonObject body = new JsonObject();
        body.addProperty("__type", type);
        body.addProperty("message", message);
        return ApiResponse.of(status, body).withHeader("x-amzn-ErrorType", type);
    }

    @Override
    public void close() {
        server.close();
    }
}
