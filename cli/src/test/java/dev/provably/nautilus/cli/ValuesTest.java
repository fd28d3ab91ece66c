package dev.provably.nautilus.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("shared option values")
class ValuesTest {

    @Test
    @DisplayName("an instant is epoch milliseconds or ISO-8601")
    void instant() throws UsageException {
        assertEquals(Instant.ofEpochMilli(1744684007462L), Values.instant("--at", "1744684007462"));
        assertEquals(Instant.ofEpochMilli(0), Values.instant("--at", "0"));
        assertEquals(Instant.parse("2025-04-15T02:26:47.462Z"), Values.instant("--at", "2025-04-15T02:26:47.462Z"));
    }

    @Test
    @DisplayName("hex takes either case and an optional 0x")
    void hex() throws UsageException {
        assertArrayEquals(new byte[] {0x0a, (byte) 0xbc}, Values.hex("--nonce", "0aBC"));
        assertArrayEquals(new byte[] {0x0a, (byte) 0xbc}, Values.hex("--nonce", "0X0abc"));
    }

    @Test
    @DisplayName("a path is taken as given")
    void path() throws UsageException {
        assertEquals(Path.of("dir/a.json"), Values.path("input", "dir/a.json"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "instant | -1                   | --x wants epoch milliseconds or an ISO-8601 instant (e.g. 1744684007462"
                + " or 2025-04-15T02:26:47.462Z), got '-1'",
        "instant | <empty>              | --x wants epoch milliseconds or an ISO-8601 instant",
        "instant | 99999999999999999999 | --x: epoch milliseconds out of range: 99999999999999999999",
        "instant | 2025-04-15           | --x wants epoch milliseconds or an ISO-8601 instant",
        "hex     | <empty>              | --x wants at least one byte of hex, got nothing",
        "hex     | 0x                   | --x wants at least one byte of hex, got nothing",
        "hex     | abc                  | --x wants an even number of hex digits, got 3",
        "hex     | zz                   | --x is not hex: 'zz'",
        "path    | <empty>              | --x is an empty path",
        "path    | a\u0000b             | --x is not a valid path",
    })
    void errors(String kind, String value, String message) {
        String v = value.equals("<empty>") ? "" : value;
        UsageException e = assertThrows(UsageException.class, () -> {
            switch (kind) {
                case "instant" -> Values.instant("--x", v);
                case "hex" -> Values.hex("--x", v);
                case "path" -> Values.path("--x", v);
                default -> throw new IllegalArgumentException(kind);
            }
        });
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }
}
