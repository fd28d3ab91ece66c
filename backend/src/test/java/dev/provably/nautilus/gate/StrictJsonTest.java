package dev.provably.nautilus.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("StrictJson")
class StrictJsonTest {
    @ParameterizedTest(name = "[{index}] rejects <{0}>")
    @ValueSource(
            strings = {
                "",
                "{",
                "{\"a\":1,}",
                "{\"a\":1} x",
                "{a:1}",
                "{'a':1}",
                "{\"a\":1,\"a\":1}",
                "{\"a\":{\"b\":1,\"b\":2}}",
                "[1,]",
                "NaN",
                "{\"a\":\"\u0001\"}",
                "// comment\n{}",
                // Refused by Gson 2.11's STRICT mode only; the library must refuse them on older Gson too.
                "{\"a\":\"tab\there\"}",
                "{\"a\":\"\\'\"}",
                "{\"a\":\"line\\\nbreak\"}",
                "{\"a\":TRUE}",
                "{\"a\":True}",
                "{\"a\":truE}",
                "{\"a\":nulL}",
                "[FALSE]",
                "{\"a\":1e5E}",
                "{\"a\":\"\\x41\"}"
            })
    void rejects(String json) {
        assertThrows(StrictJson.ShapeException.class, () -> StrictJson.parse(json));
    }

    @Test
    @DisplayName("limits nesting depth")
    void depth() throws StrictJson.ShapeException {
        StrictJson.parse("[".repeat(StrictJson.MAX_DEPTH + 1) + "]".repeat(StrictJson.MAX_DEPTH + 1));
        assertThrows(
                StrictJson.ShapeException.class,
                () -> StrictJson.parse("[".repeat(StrictJson.MAX_DEPTH + 2) + "]".repeat(StrictJson.MAX_DEPTH + 2)));
    }

    @Test
    @DisplayName("reads integers exactly and refuses fractions, exponents and out-of-range values")
    void integers() throws StrictJson.ShapeException {
        JsonObject o = StrictJson.parse(
                        "{\"a\":9223372036854775807,\"b\":1.0,\"c\":1e2,\"d\":9223372036854775808,\"e\":-0}")
                .getAsJsonObject();
        assertEquals(Long.MAX_VALUE, StrictJson.integer(o.get("a"), "a", 0, Long.MAX_VALUE));
        assertThrows(StrictJson.ShapeException.class, () -> StrictJson.integer(o.get("b"), "b", 0, 10));
        assertThrows(StrictJson.ShapeException.class, () -> StrictJson.integer(o.get("c"), "c", 0, 1000));
        assertThrows(StrictJson.ShapeException.class, () -> StrictJson.integer(o.get("d"), "d", 0, Long.MAX_VALUE));
        assertEquals(0, StrictJson.integer(o.get("e"), "e", 0, 1));
        assertThrows(StrictJson.ShapeException.class, () -> StrictJson.integer(o.get("missing"), "m", 0, 1));
    }

    @Test
    @DisplayName("reads integers built in memory too, not only those parse() produced")
    void inMemoryIntegers() throws StrictJson.ShapeException {
        assertEquals(42, StrictJson.integer(new JsonPrimitive(42), "n", 0, 100));
        assertEquals(Long.MAX_VALUE, StrictJson.integer(new JsonPrimitive(Long.MAX_VALUE), "n", 0, Long.MAX_VALUE));
        assertThrows(StrictJson.ShapeException.class, () -> StrictJson.integer(new JsonPrimitive(1.5), "n", 0, 10));
        assertThrows(StrictJson.ShapeException.class, () -> StrictJson.integer(new JsonPrimitive(101), "n", 0, 100));
    }

    @Test
    @DisplayName("renders untrusted text short and printable in messages")
    void excerpt() {
        assertEquals("\"a\\u000ab\\u0022\"", StrictJson.excerpt("a\nb\""));
        assertEquals(85, StrictJson.excerpt("x".repeat(200)).length());
    }

    @Test
    @DisplayName("decodes UTF-8 exactly and refuses malformed, overlong and surrogate bytes rather than replacing them")
    void utf8() throws CharacterCodingException {
        String text = "{\"a\":\"\u00e9\u20ac\ud83d\ude00\"}";
        assertEquals(text, StrictJson.utf8(text.getBytes(StandardCharsets.UTF_8)));
        for (byte[] bad : new byte[][] {
            {'{', (byte) 0xff, '}'},
            {(byte) 0xc0, (byte) 0x80},
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
            {'"', (byte) 0xe2, (byte) 0x82},
        }) {
            assertThrows(CharacterCodingException.class, () -> StrictJson.utf8(bad));
        }
    }
}
