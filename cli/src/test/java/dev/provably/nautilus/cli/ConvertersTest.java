package dev.provably.nautilus.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

@DisplayName("option values both jars read alike")
class ConvertersTest {

    @Test
    @DisplayName("an instant is epoch milliseconds or ISO-8601")
    void instant() {
        Converters.Instant instant = new Converters.Instant();
        assertEquals(Instant.ofEpochMilli(1744684007462L), instant.convert("1744684007462"));
        assertEquals(Instant.ofEpochMilli(0), instant.convert("0"));
        assertEquals(Instant.parse("2025-04-15T02:26:47.462Z"), instant.convert("2025-04-15T02:26:47.462Z"));
    }

    @Test
    @DisplayName("hex takes either case and an optional 0x")
    void hex() {
        assertArrayEquals(
                new byte[] {0x0a, (byte) 0xbc},
                new Converters.Hex().convert("0aBC").bytes());
        assertArrayEquals(
                new byte[] {0x0a, (byte) 0xbc},
                new Converters.Hex().convert("0X0abc").bytes());
    }

    @Test
    @DisplayName("a path is taken as given, - included; a duration is ISO-8601; a URL is http(s) with a host")
    void others() {
        assertEquals(Path.of("dir/a.json"), new Converters.NonEmptyPath().convert("dir/a.json"));
        assertEquals(Path.of("-"), new Converters.NonEmptyPath().convert("-"));
        assertEquals(Duration.ofMinutes(5), new Converters.PositiveDuration().convert("PT5M"));
        assertEquals(
                URI.create("https://a.example:8443/x"), new Converters.HttpUrl().convert("https://a.example:8443/x"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "instant  | -1                   | wants epoch milliseconds or an ISO-8601 instant (e.g. 1744684007462"
                        + " or 2025-04-15T02:26:47.462Z), got '-1'",
                "instant  | <empty>              | wants epoch milliseconds or an ISO-8601 instant",
                "instant  | 99999999999999999999 | epoch milliseconds out of range: 99999999999999999999",
                "instant  | 2025-04-15           | wants epoch milliseconds or an ISO-8601 instant",
                "hex      | <empty>              | wants at least one byte of hex, got nothing",
                "hex      | 0x                   | wants at least one byte of hex, got nothing",
                "hex      | abc                  | wants an even number of hex digits, got 3",
                "hex      | zz                   | is not hex: 'zz'",
                "path     | <empty>              | is an empty path",
                "path     | a\u0000b             | is not a valid path",
                "duration | 5m                   | wants an ISO-8601 duration (e.g. PT5M, PT30S), got '5m'",
                "duration | PT0S                 | must be positive, got PT0S",
                "duration | -PT1M                | must be positive, got -PT1M",
                "url      | http://a b           | is not a URL: 'http://a b'",
                "url      | ftp://a              | must be an http(s) URL with a host, got 'ftp://a'",
                "url      | http:///x            | must be an http(s) URL with a host",
                "url      | /just/a/path         | must be an http(s) URL with a host",
            })
    void errors(String kind, String value, String message) {
        String v = value.equals("<empty>") ? "" : value;
        ITypeConverter<?> converter =
                switch (kind) {
                    case "instant" -> new Converters.Instant();
                    case "hex" -> new Converters.Hex();
                    case "path" -> new Converters.NonEmptyPath();
                    case "duration" -> new Converters.PositiveDuration();
                    case "url" -> new Converters.HttpUrl();
                    default -> throw new IllegalArgumentException(kind);
                };
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> converter.convert(v));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }
}
