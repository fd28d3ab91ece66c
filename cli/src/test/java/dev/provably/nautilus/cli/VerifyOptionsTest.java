package dev.provably.nautilus.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provably.nautilus.attestation.Profile;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

@DisplayName("verify's options as picocli reads them")
class VerifyOptionsTest {

    private static final String PCR48 = "ab".repeat(48);

    /** Parses and checks; without a --pcr it adds --any-image, which verify requires then. */
    private static VerifyOptions parse(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (all.stream().noneMatch(a -> a.startsWith("--pcr"))) {
            all.add(0, "--any-image");
        }
        return read(all);
    }

    private static VerifyOptions read(List<String> args) {
        PrintStream sink = new PrintStream(java.io.OutputStream.nullOutputStream());
        VerifyCommand command = new VerifyCommand(InputStream.nullInputStream(), sink);
        CommandLine commandLine = new CommandLine(command);
        commandLine.parseArgs(args.toArray(String[]::new));
        VerifyOptions options = (VerifyOptions)
                commandLine.getCommandSpec().mixins().get("options").userObject();
        options.check();
        return options;
    }

    @Test
    @DisplayName("defaults: profile sui, debug refused, clock now, no expectations")
    void defaults() {
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
    void everyOption() {
        VerifyOptions options = parse(
                "a.cbor",
                "--at",
                "1744684007462",
                "--profile=NSM",
                "--allow-debug",
                "--pcr",
                "0=" + PCR48,
                "--pcr=8=0x" + PCR48.toUpperCase(),
                "--max-age",
                "PT10M",
                "--nonce",
                "0a0B",
                "--public-key=ff",
                "--root",
                "ca.pem",
                "dir");
        assertEquals(Instant.ofEpochMilli(1744684007462L), options.at().orElseThrow());
        assertEquals(Profile.NSM, options.profile());
        assertTrue(options.allowDebug());
        assertEquals(Set.of(0, 8), options.pcrs().values().keySet());
        assertArrayEquals(
                HexFormat.of().parseHex(PCR48), options.pcrs().values().get(8));
        assertEquals(Duration.ofMinutes(10), options.maxAge().orElseThrow());
        assertArrayEquals(new byte[] {0x0a, 0x0b}, options.nonce().orElseThrow());
        assertArrayEquals(new byte[] {(byte) 0xff}, options.publicKey().orElseThrow());
        assertEquals(Path.of("ca.pem"), options.root().orElseThrow());
        assertEquals(List.of(Path.of("a.cbor"), Path.of("dir")), options.inputs());
    }

    @Test
    @DisplayName("after --, arguments starting with a dash are inputs; a lone - is an input")
    void doubleDash() {
        assertEquals(
                List.of(Path.of("-"), Path.of("--at"), Path.of("-x")),
                parse("-", "--", "--at", "-x").inputs());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''                                   | no input",
                "--any-image --bogus x                | Unknown option: '--bogus'",
                "--any-image -x a                     | Unknown option: '-x'",
                "--any-image a --at                   | Missing required parameter for option '--at'",
                "--any-image --at yesterday a         | '--at': wants epoch milliseconds or an ISO-8601 instant",
                "--any-image --at 99999999999999999999 a | '--at': epoch milliseconds out of range",
                "--any-image --at 1 --at 2 a          | option '--at' (TIME) should be specified only once",
                "--any-image --profile tdx a          | '--profile': wants 'sui' or 'nsm', got 'tdx'",
                "--pcr 0 a                            | '--pcr' (N=HEX): wants INDEX=HEX",
                "--pcr 32=00 a                        | '--pcr' (N=HEX): index must be 0..31, got '32'",
                "--pcr -1=00 a                        | '--pcr' (N=HEX): index must be 0..31, got '-1'",
                "--pcr x=00 a                         | '--pcr' (N=HEX): index must be 0..31, got 'x'",
                "--pcr 0=zz a                         | '--pcr' (N=HEX): PCR 0 is not hex",
                "--pcr 0=abc a                        | '--pcr' (N=HEX): PCR 0 wants an even number of hex digits",
                "--pcr 0=0011 a                       | '--pcr' (N=HEX): PCR 0 must be 32, 48 or 64 bytes, got 2",
                "--any-image --max-age 5m a           | '--max-age': wants an ISO-8601 duration",
                "--any-image --max-age PT0S a         | '--max-age': must be positive",
                "--any-image --max-age -PT1M a        | '--max-age': must be positive",
                "--any-image --nonce <empty> a        | '--nonce': wants at least one byte of hex",
                "--any-image --nonce 0x a             | '--nonce': wants at least one byte of hex",
                "--any-image --public-key xyz0 a      | '--public-key': is not hex",
                "--any-image --allow-debug=yes a      | Invalid value for option '--allow-debug': 'yes' is not a boolean",
                "--any-image --root <empty> a         | '--root': is an empty path",
                "a                                    | say which enclave image to trust: --pcr 0=HEX",
            })
    void usageErrors(String commandLine, String message) {
        List<String> args = commandLine.isEmpty() ? List.of() : List.of(commandLine.split(" "));
        List<String> withEmpty =
                args.stream().map(a -> a.equals("<empty>") ? "" : a).toList();
        ParameterException e = assertThrows(ParameterException.class, () -> read(withEmpty));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    @DisplayName("--any-image with a --pcr is a contradiction")
    void anyImageAndPcr() {
        ParameterException e =
                assertThrows(ParameterException.class, () -> parse("--any-image", "--pcr", "0=" + PCR48, "a"));
        assertEquals("--any-image contradicts --pcr: give one or the other", e.getMessage());
    }

    @Test
    @DisplayName("the same PCR index twice is an error")
    void duplicatePcr() {
        ParameterException e =
                assertThrows(ParameterException.class, () -> parse("--pcr", "1=" + PCR48, "--pcr", "1=" + PCR48, "a"));
        assertEquals("--pcr 1 given more than once", e.getMessage());
    }

    @Test
    @DisplayName("options hand out copies of their byte arrays")
    void copies() {
        VerifyOptions options = parse("--nonce", "01", "--pcr", "0=" + PCR48, "a");
        options.nonce().orElseThrow()[0] = 9;
        options.pcrs().values().get(0)[0] = 9;
        assertArrayEquals(new byte[] {1}, options.nonce().orElseThrow());
        assertEquals((byte) 0xab, options.pcrs().values().get(0)[0]);
    }
}
