package dev.provably.nautilus.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provably.nautilus.attestation.Profile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VerifyOptionsParserTest {

    private static final String PCR48 = "ab".repeat(48);

    /** Parses; without a --pcr it adds --any-image, which verify requires then. */
    private static VerifyOptions parse(String... args) throws UsageException {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        if (!all.contains("--pcr")) {
            all.add(0, "--any-image");
        }
        return VerifyOptionsParser.parse(all);
    }

    @Test
    @DisplayName("defaults: profile sui, debug refused, clock now, no expectations")
    void defaults() throws UsageException {
        VerifyOptions options = parse("doc.cbor");
        assertEquals(Profile.SUI, options.profile());
        assertFalse(options.allowDebug());
        assertTrue(options.at().isEmpty());
        assertTrue(options.maxAge().isEmpty());
        assertTrue(options.pcrs().isEmpty());
        assertTrue(options.nonce().isEmpty());
        assertTrue(options.publicKey().isEmpty());
        assertTrue(options.root().isEmpty());
        assertEquals(List.of(Path.of("doc.cbor")), options.inputs());
    }

    @Test
    @DisplayName("every option is read, in --name value and --name=value form, mixed with inputs")
    void everyOption() throws UsageException {
        VerifyOptions options = parse("a.cbor", "--at", "1744684007462", "--profile=nsm", "--allow-debug",
            "--pcr", "0=" + PCR48, "--pcr=8=0x" + PCR48.toUpperCase(), "--max-age", "PT10M",
            "--nonce", "0a0B", "--public-key=ff", "--root", "ca.pem", "dir");
        assertEquals(Instant.ofEpochMilli(1744684007462L), options.at().orElseThrow());
        assertEquals(Profile.NSM, options.profile());
        assertTrue(options.allowDebug());
        assertEquals(Set.of(0, 8), options.pcrs().keySet());
        assertArrayEquals(Values.hex("x", PCR48), options.pcrs().get(8));
        assertEquals(Duration.ofMinutes(10), options.maxAge().orElseThrow());
        assertArrayEquals(new byte[] {0x0a, 0x0b}, options.nonce().orElseThrow());
        assertArrayEquals(new byte[] {(byte) 0xff}, options.publicKey().orElseThrow());
        assertEquals(Path.of("ca.pem"), options.root().orElseThrow());
        assertEquals(List.of(Path.of("a.cbor"), Path.of("dir")), options.inputs());
    }

    @Test
    @DisplayName("--at takes an ISO-8601 instant too")
    void isoInstant() throws UsageException {
        assertEquals(Instant.parse("2025-04-15T02:26:47.462Z"),
            parse("--at", "2025-04-15T02:26:47.462Z", "x").at().orElseThrow());
    }

    @Test
    @DisplayName("after --, arguments starting with a dash are inputs")
    void doubleDash() throws UsageException {
        assertEquals(List.of(Path.of("--at"), Path.of("-x")), parse("--", "--at", "-x").inputs());
    }

    @Test
    @DisplayName("--help needs no input")
    void helpAlone() throws UsageException {
        assertTrue(parse("--help").help());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "''                                   | no input",
        "--bogus x                            | unknown option '--bogus'",
        "-x a                                 | unknown option '-x'",
        "a --at                               | --at needs a value",
        "--at yesterday a                     | --at wants epoch milliseconds or an ISO-8601 instant",
        "--at 99999999999999999999 a          | --at: epoch milliseconds out of range",
        "--at 1 --at 2 a                      | --at given more than once",
        "--profile tdx a                      | --profile wants 'sui' or 'nsm', got 'tdx'",
        "--pcr 0 a                            | --pcr wants INDEX=HEX",
        "--pcr 32=00 a                        | --pcr index must be 0..31, got '32'",
        "--pcr -1=00 a                        | --pcr index must be 0..31, got '-1'",
        "--pcr x=00 a                         | --pcr index must be 0..31, got 'x'",
        "--pcr 0=zz a                         | --pcr 0 is not hex",
        "--pcr 0=abc a                        | --pcr 0 wants an even number of hex digits",
        "--pcr 0=0011 a                       | --pcr 0 must be 32, 48 or 64 bytes, got 2",
        "--max-age 5m a                       | --max-age wants an ISO-8601 duration",
        "--max-age PT0S a                     | --max-age must be positive",
        "--max-age -PT1M a                    | --max-age must be positive",
        "--nonce <empty> a                    | --nonce wants at least one byte of hex",
        "--nonce 0x a                         | --nonce wants at least one byte of hex",
        "--public-key xyz0 a                  | --public-key is not hex",
        "--allow-debug=yes a                  | --allow-debug takes no value",
        "--root <empty> a                     | --root is an empty path",
    })
    void usageErrors(String commandLine, String message) {
        List<String> args = commandLine.isEmpty() ? List.of() : List.of(commandLine.split(" "));
        List<String> withEmpty = args.stream().map(a -> a.equals("<empty>") ? "" : a).toList();
        UsageException e = assertThrows(UsageException.class, () -> VerifyOptionsParser.parse(withEmpty));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    @DisplayName("the same PCR index twice is an error")
    void duplicatePcr() {
        UsageException e = assertThrows(UsageException.class,
            () -> parse("--pcr", "1=" + PCR48, "--pcr", "1=" + PCR48, "a"));
        assertEquals("--pcr 1 given more than once", e.getMessage());
    }

    @Test
    @DisplayName("options hand out copies of their byte arrays")
    void copies() throws UsageException {
        VerifyOptions options = parse("--nonce", "01", "--pcr", "0=" + PCR48, "a");
        options.nonce().orElseThrow()[0] = 9;
        options.pcrs().get(0)[0] = 9;
        assertArrayEquals(new byte[] {1}, options.nonce().orElseThrow());
        assertEquals((byte) 0xab, options.pcrs().get(0)[0]);
    }
}
