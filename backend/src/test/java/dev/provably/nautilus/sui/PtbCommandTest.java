package dev.provably.nautilus.sui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("sui client ptb rendering")
class PtbCommandTest {
    @ParameterizedTest(name = "shell token [{0}] -> [{1}]")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "@0x6 | @0x6",
                "3u64 | 3u64",
                "0x2::nitro_attestation::load_nitro_attestation | 0x2::nitro_attestation::load_nitro_attestation",
                "<PACKAGE_ID>::m::f | '<PACKAGE_ID>::m::f'",
                "vector[0x01u8] | 'vector[0x01u8]'",
                "\"image/png\" | '\"image/png\"'",
                "\"San Francisco\" | '\"San Francisco\"'",
                "'it is' | ''\\''it is'\\'''",
                "$HOME | '$HOME'",
                "`a b` | 'a b'",
            })
    void shellQuoting(String token, String quoted) {
        assertEquals(quoted, PtbCommand.shellQuote(token));
    }

    @Test
    @DisplayName("bytes become a vector of u8 literals (the CLI has no hex-string literal)")
    void bytes() {
        assertEquals(
                "vector[0x00u8,0x7fu8,0x80u8,0xffu8]",
                PtbCommand.bytes(new byte[] {0, 0x7f, (byte) 0x80, (byte) 0xff}));
        assertEquals("vector[]", PtbCommand.bytes(new byte[0]));
    }

    @ParameterizedTest(name = "string [{0}] -> [{1}]")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "image/png | \"image/png\"",
                "`San Francisco` | \"San Francisco\"",
                "say \"hi\" | 'say \"hi\"'",
                "it's | \"it's\"",
                "a\\b | \"a\\b\"", // a backslash escapes the next character for the lexer but is kept
                "a\\\"b | \"a\\\"b\"", // backslash-quote does not close the string; both are kept
                "é😀 | \"é😀\"",
            })
    void strings(String value, String literal) {
        assertEquals(literal, PtbCommand.string(value));
    }

    @ParameterizedTest(name = "[{index}] cannot pass <{0}> verbatim")
    @ValueSource(strings = {"it's \"x\"", "ends in \\", "\"'"})
    void unrepresentableStrings(String value) {
        assertThrows(IllegalArgumentException.class, () -> PtbCommand.string(value));
    }

    @Test
    @DisplayName("renders one PTB command per line with backslash continuations")
    void render() {
        String command = new PtbCommand()
                .command("--move-call", "0x2::clock::timestamp_ms", "@0x6")
                .command("--gas-budget", "1000")
                .render();
        assertEquals("sui client ptb \\\n  --move-call 0x2::clock::timestamp_ms @0x6 \\\n  --gas-budget 1000", command);
    }

    @Test
    @DisplayName("accepts addresses, identifiers and placeholders, nothing else")
    void validation() {
        assertEquals("0x6", PtbCommand.address("0x6", "id"));
        assertEquals("<ID>", PtbCommand.address("<ID>", "id"));
        assertEquals("media_report", PtbCommand.identifier("media_report", "m"));
        for (String bad : new String[] {"6", "0x", "0xg", "0x" + "a".repeat(65), "<id>", "<ID> x", "@0x6", "$(rm)"}) {
            assertThrows(IllegalArgumentException.class, () -> PtbCommand.address(bad, "id"), bad);
        }
        for (String bad : new String[] {"1abc", "a-b", "a::b", "", "<x>"}) {
            assertThrows(IllegalArgumentException.class, () -> PtbCommand.identifier(bad, "m"), bad);
        }
    }

    @Test
    @DisplayName("a gas budget is at least 1 MIST; both calls refuse less with the same message")
    void gasBudget() {
        assertEquals(1, PtbCommand.gasBudget(1));
        assertEquals(Long.MAX_VALUE, PtbCommand.gasBudget(Long.MAX_VALUE));
        for (long bad : new long[] {0, -1, Long.MIN_VALUE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PtbCommand.gasBudget(bad));
            assertEquals("gasBudgetMist must be positive, got " + bad, e.getMessage());
        }
        assertEquals(
                "gasBudgetMist must be positive, got 0",
                assertThrows(IllegalArgumentException.class, () -> new RegistrationCall("0x1", "0x2::m::T", "0x3", 0))
                        .getMessage());
        assertEquals(
                "gasBudgetMist must be positive, got -5",
                assertThrows(IllegalArgumentException.class, () -> new ReportCall("0x1", "m", "f", "0x1", "0x2", -5))
                        .getMessage());
    }
}
