package dev.provably.nautilus.enclave.parent;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * The credentials document the parent hands the enclave, in the shape IMDS and the container
 * credentials endpoint use: {@code {"AccessKeyId","SecretAccessKey","Token","Expiration"}}, the
 * expiration as an ISO-8601 instant. Read strictly: exactly these members, bounded lengths.
 */
public final class CredentialsJson {
    /** Far above a real document (session tokens are a few KiB). */
    public static final int MAX_BYTES = 16 * 1024;

    private static final Set<String> MEMBERS = Set.of("AccessKeyId", "SecretAccessKey", "Token", "Expiration");

    private CredentialsJson() {}

    public static JsonObject toJson(AwsSessionCredentials credentials) {
        Instant expiration = credentials
                .expirationTime()
                .orElseThrow(
                        () -> new IllegalArgumentException("credentials without an expiration are not handed out"));
        JsonObject object = new JsonObject();
        object.addProperty("AccessKeyId", credentials.accessKeyId());
        object.addProperty("SecretAccessKey", credentials.secretAccessKey());
        object.addProperty("Token", credentials.sessionToken());
        object.addProperty("Expiration", expiration.toString());
        return object;
    }

    public static AwsSessionCredentials parse(byte[] body) throws ParentEndpointException {
        if (body.length > MAX_BYTES) {
            throw new ParentEndpointException("the credentials document is larger than " + MAX_BYTES + " bytes");
        }
        try {
            JsonElement parsed = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
            if (!parsed.isJsonObject() || !parsed.getAsJsonObject().keySet().equals(MEMBERS)) {
                throw new ParentEndpointException("the credentials document must be an object with exactly " + MEMBERS);
            }
            JsonObject object = parsed.getAsJsonObject();
            String keyId = string(object, "AccessKeyId", 16, 128);
            if (!keyId.matches("[A-Z0-9]+")) {
                throw new ParentEndpointException("the credentials document's AccessKeyId is not an access key id");
            }
            return AwsSessionCredentials.builder()
                    .accessKeyId(keyId)
                    .secretAccessKey(string(object, "SecretAccessKey", 16, 256))
                    .sessionToken(string(object, "Token", 16, MAX_BYTES))
                    .expirationTime(Instant.parse(string(object, "Expiration", 20, 40)))
                    .build();
        } catch (JsonParseException
                | IllegalStateException
                | UnsupportedOperationException
                | DateTimeParseException e) {
            throw new ParentEndpointException("the credentials document is malformed: " + e.getMessage(), e);
        }
    }

    private static String string(JsonObject object, String member, int min, int max) throws ParentEndpointException {
        JsonElement value = object.get(member);
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw new ParentEndpointException("the credentials document's " + member + " must be a string");
        }
        String text = value.getAsString();
        if (text.length() < min || text.length() > max || !text.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new ParentEndpointException("the credentials document's " + member + " must be " + min + ".." + max
                    + " printable ASCII characters");
        }
        return text;
    }
}
