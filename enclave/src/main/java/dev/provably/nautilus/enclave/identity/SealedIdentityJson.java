package dev.provably.nautilus.enclave.identity;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * A sealed identity record as JSON, {@code {"release","ciphertext","publicKey"}} (hex PCR0, base64
 * KMS ciphertext, hex Ed25519 key): the one format of the file store and of the parent's endpoint.
 * Read strictly, with a size bound, and only for the release asked for.
 */
public final class SealedIdentityJson {
    public static final int MAX_BYTES = 64 * 1024;
    private static final Set<String> MEMBERS = Set.of("release", "ciphertext", "publicKey");

    private SealedIdentityJson() {}

    public static String encode(SealedIdentity identity) {
        JsonObject object = new JsonObject();
        object.addProperty("release", identity.release());
        object.addProperty("ciphertext", Base64.getEncoder().encodeToString(identity.ciphertext()));
        object.addProperty("publicKey", HexFormat.of().formatHex(identity.publicKey()));
        return object + "\n";
    }

    /** @param where names the source in error messages (a file, a URL) */
    public static SealedIdentity decode(byte[] bytes, String release, String where) throws IdentityException {
        if (bytes.length > MAX_BYTES) {
            throw new IdentityException("sealed identity " + where + " is larger than " + MAX_BYTES + " bytes");
        }
        try {
            JsonElement parsed = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
            if (!parsed.isJsonObject() || !parsed.getAsJsonObject().keySet().equals(MEMBERS)) {
                throw new IdentityException("sealed identity " + where + " must be an object with exactly " + MEMBERS);
            }
            JsonObject object = parsed.getAsJsonObject();
            SealedIdentity identity = new SealedIdentity(
                    object.get("release").getAsString(),
                    Base64.getDecoder().decode(object.get("ciphertext").getAsString()),
                    HexFormat.of().parseHex(object.get("publicKey").getAsString()));
            if (!identity.release().equals(release)) {
                throw new IdentityException(
                        "sealed identity " + where + " names another release: " + identity.release());
            }
            return identity;
        } catch (JsonParseException
                | IllegalArgumentException
                | IllegalStateException
                | UnsupportedOperationException e) {
            throw new IdentityException("sealed identity " + where + " is corrupt: " + e.getMessage(), e);
        }
    }

    /** Whether {@code release} is a PCR0 as 96 lowercase hex digits (the only names a store accepts). */
    public static boolean isRelease(String release) {
        return release != null && release.matches("[0-9a-f]{96}");
    }
}
