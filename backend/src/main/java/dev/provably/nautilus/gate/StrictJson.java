package dev.provably.nautilus.gate;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/**
 * Strict JSON (RFC 8259) into Gson trees: Gson's default (non-lenient) reader, plus what it does not
 * check itself: what only Gson 2.11's {@code Strictness.STRICT} refuses (see {@link #refuseLegacyLeniency}),
 * duplicate object keys (a second value could override what a first check saw), trailing data and
 * nesting depth. Numbers are kept exact as {@link BigDecimal}. Only API present since Gson 2.8.9 is
 * used, so the library runs with the Gson that Spring Boot 2.7 and 3.3 pin (2.9.1, 2.10.1).
 */
final class StrictJson {
    static final int MAX_DEPTH = 16;

    /** A JSON document or value does not have the expected shape. */
    static final class ShapeException extends Exception {
        private static final long serialVersionUID = 1L;

        ShapeException(String message) {
            super(message);
        }
    }

    private StrictJson() {}

    /**
     * JSON exchanged between systems is UTF-8 (RFC 8259 section 8.1); malformed bytes are refused,
     * never replaced, so the text parsed is exactly what was sent.
     */
    static String utf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    static JsonElement parse(String text) throws ShapeException {
        refuseLegacyLeniency(text);
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            JsonElement value = read(reader, 0);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new ShapeException("trailing data after the JSON value");
            }
            return value;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new ShapeException("not valid JSON: " + e.getMessage());
        }
    }

    /**
     * Refuses what Gson's non-lenient reader accepts although RFC 8259 does not: control characters
     * (U+0000..U+001F) unescaped inside strings, the escapes {@code \'} and backslash-newline, and
     * keywords in other case ({@code TRUE}, {@code Null}). Everything else that is not JSON the
     * reader refuses itself. Outside strings, strict JSON has letters only in {@code true},
     * {@code false}, {@code null} and exponents, so an upper-case letter is allowed only as an
     * {@code E} right after a digit.
     */
    static void refuseLegacyLeniency(String text) throws ShapeException {
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c < 0x20) {
                    throw new ShapeException(String.format(
                            "not valid JSON: unescaped control character U+%04X in a string at offset %d", (int) c, i));
                } else if (c == '\\') {
                    char escaped = i + 1 < text.length() ? text.charAt(i + 1) : 0;
                    if ("\"\\/bfnrtu".indexOf(escaped) < 0) {
                        throw new ShapeException("not valid JSON: invalid escape sequence at offset " + i);
                    }
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c >= 'A'
                    && c <= 'Z'
                    && (c != 'E' || i == 0 || text.charAt(i - 1) < '0' || text.charAt(i - 1) > '9')) {
                throw new ShapeException("not valid JSON: unexpected character '" + c + "' at offset " + i);
            }
        }
    }

    private static JsonElement read(JsonReader reader, int depth) throws IOException, ShapeException {
        if (depth > MAX_DEPTH) {
            throw new ShapeException("JSON nested deeper than " + MAX_DEPTH + " levels");
        }
        switch (reader.peek()) {
            case BEGIN_OBJECT -> {
                JsonObject object = new JsonObject();
                reader.beginObject();
                while (reader.hasNext()) {
                    String name = reader.nextName();
                    if (object.has(name)) {
                        throw new ShapeException("duplicate key " + excerpt(name));
                    }
                    object.add(name, read(reader, depth + 1));
                }
                reader.endObject();
                return object;
            }
            case BEGIN_ARRAY -> {
                JsonArray array = new JsonArray();
                reader.beginArray();
                while (reader.hasNext()) {
                    array.add(read(reader, depth + 1));
                }
                reader.endArray();
                return array;
            }
            case STRING -> {
                return new JsonPrimitive(reader.nextString());
            }
            case NUMBER -> {
                return new JsonPrimitive(new BigDecimal(reader.nextString()));
            }
            case BOOLEAN -> {
                return new JsonPrimitive(reader.nextBoolean());
            }
            case NULL -> {
                reader.nextNull();
                return JsonNull.INSTANCE;
            }
            default -> throw new ShapeException("unexpected JSON token " + reader.peek());
        }
    }

    // Typed access. Each helper names the field (a JSON path) in its error.

    static JsonObject object(JsonElement value, String path) throws ShapeException {
        if (value == null || !value.isJsonObject()) {
            throw new ShapeException(path + " must be a JSON object");
        }
        return value.getAsJsonObject();
    }

    static JsonArray array(JsonElement value, String path) throws ShapeException {
        if (value == null || !value.isJsonArray()) {
            throw new ShapeException(path + " must be a JSON array");
        }
        return value.getAsJsonArray();
    }

    static String string(JsonElement value, String path) throws ShapeException {
        if (value == null
                || !value.isJsonPrimitive()
                || !value.getAsJsonPrimitive().isString()) {
            throw new ShapeException(path + " must be a JSON string");
        }
        return value.getAsString();
    }

    static boolean bool(JsonElement value, String path) throws ShapeException {
        if (value == null
                || !value.isJsonPrimitive()
                || !value.getAsJsonPrimitive().isBoolean()) {
            throw new ShapeException(path + " must be true or false");
        }
        return value.getAsBoolean();
    }

    /** An integer written without fraction or exponent, within {@code min..max}. */
    static long integer(JsonElement value, String path, long min, long max) throws ShapeException {
        if (value == null
                || !value.isJsonPrimitive()
                || !value.getAsJsonPrimitive().isNumber()) {
            throw new ShapeException(path + " must be a JSON integer");
        }
        // getAsBigDecimal, not a cast: exact for parse()'s BigDecimals and for any other JsonPrimitive number.
        BigDecimal number = value.getAsBigDecimal();
        if (number.scale() != 0) {
            throw new ShapeException(path + " must be an integer without fraction or exponent, got " + number);
        }
        BigInteger integer = number.unscaledValue();
        if (integer.compareTo(BigInteger.valueOf(min)) < 0 || integer.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new ShapeException(path + " must be " + min + ".." + max + ", got " + integer);
        }
        return integer.longValueExact();
    }

    /** A short, printable rendering of untrusted text for error messages. */
    static String excerpt(String s) {
        String shown = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        StringBuilder out = new StringBuilder(shown.length() + 2).append('"');
        shown.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || cp == '"' || cp == '\\') {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.append('"').toString();
    }

    /** Fails if {@code object} has a key outside {@code allowed}. */
    static void onlyKeys(JsonObject object, String path, Set<String> allowed) throws ShapeException {
        for (String key : new TreeSet<>(object.keySet())) {
            if (!allowed.contains(key)) {
                throw new ShapeException(path + " has unknown member " + excerpt(key) + " (allowed: "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }
}
