package dev.provably.nautilus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.provably.nautilus.attestation.Reason;
import dev.provably.nautilus.attestation.SyntheticNitro;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VerifyCommandTest {

    private static final String WEATHER = "nautilus-20250415-weather.cbor";
    private static final String WEATHER_AT = "1744684007462";
    private static final long WEATHER_TIMESTAMP = 1744683923696L;
    private static final String WEATHER_PCR0 =
            "cbe1afb6ed0ff89f10295af0b802247ec5670da8f886e71a4226373b032c322f4e42c9c98288e7211682b258684505a2";
    private static final String WEATHER_PUBLIC_KEY = "e8e62201dbe293b703c759f653107acbc2c911fa1d2e66f2c747bec95971a2af";

    @TempDir
    Path tmp;

    private Path vector(String name) throws IOException {
        Path file = tmp.resolve(name);
        if (!Files.exists(file)) {
            Files.write(file, vectorBytes(name));
        }
        return file;
    }

    private static byte[] vectorBytes(String name) throws IOException {
        try (InputStream in = VerifyCommandTest.class.getResourceAsStream("/vectors/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource /vectors/" + name);
            }
            return in.readAllBytes();
        }
    }

    /** Runs verify; without a --pcr it adds --any-image (the tests inspect documents of many images). */
    private static CliRun verify(Object... args) {
        List<String> all = new ArrayList<>();
        all.add("verify");
        for (Object arg : args) {
            all.add(arg.toString());
        }
        if (!all.contains("--pcr")) {
            all.add(1, "--any-image");
        }
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    @DisplayName("- reads one document from standard input, given at most once")
    void standardInput() throws IOException {
        byte[] hexDocument = ("0x" + java.util.HexFormat.of().formatHex(Files.readAllBytes(vector(WEATHER))) + "\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        CliRun run = CliRun.withInput(hexDocument, "verify", "--any-image", "--at", WEATHER_AT, "-");
        assertEquals(0, run.exit(), run.out() + run.err());
        assertEquals("-", run.line().get("file").getAsString());
        CliRun twice = CliRun.withInput(hexDocument, "verify", "--any-image", "--at", WEATHER_AT, "-", "-");
        assertEquals(2, twice.exit());
        assertTrue(twice.err().contains("more than once"), twice.err());
    }

    @Test
    @DisplayName("refuses to run without saying which image it trusts: --pcr or an explicit --any-image")
    void imageMustBeNamed() throws IOException {
        Path file = vector(WEATHER);
        CliRun neither = CliRun.of("verify", "--at", WEATHER_AT, file.toString());
        assertEquals(2, neither.exit());
        assertTrue(neither.err().contains("--any-image"), neither.err());
        assertEquals("", neither.out());
        CliRun both = CliRun.of("verify", "--any-image", "--pcr", "0=" + WEATHER_PCR0, file.toString());
        assertEquals(2, both.exit());
        CliRun pinned = verify("--at", WEATHER_AT, "--pcr", "0=" + WEATHER_PCR0, file);
        assertEquals(0, pinned.exit(), pinned.out());
        assertEquals("[0]", pinned.line().get("checkedPcrs").toString(), "the line says which PCRs were checked");
        CliRun any = verify("--at", WEATHER_AT, file);
        assertEquals("[]", any.line().get("checkedPcrs").toString(), "none, and the caller wrote --any-image");
    }

    @Nested
    @DisplayName("every real vector, at a pinned time")
    class RealVectors {

        @ParameterizedTest(name = "{0} {2} -> {3}")
        @CsvSource({
            // file, --at, extra options, expected verdict (the vectors' INDEX.md, profile sui by default)
            "blocky-20230710-stag.cbor,             2023-07-10T12:34:30.620Z, '',                          valid",
            "blocky-20240507-emptyfields.cbor,      2024-05-07T17:43:06.613Z, '',                          valid",
            "blocky-20240907-debug-maxfields.cbor,  2024-09-07T14:38:06.508Z, --allow-debug,               FIELD_INVALID",
            "blocky-20240907-debug-maxfields.cbor,  2024-09-07T14:38:06.508Z, --allow-debug --profile nsm, valid",
            "blocky-20240907-debug-maxfields.cbor,  2024-09-07T14:38:06.508Z, --profile nsm,               DEBUG_ENCLAVE",
            "blocky-20240907-prod-maxfields.cbor,   2024-09-07T14:37:39.545Z, '',                          FIELD_INVALID",
            "blocky-20240907-prod-maxfields.cbor,   2024-09-07T14:37:39.545Z, --profile nsm,               valid",
            "dstack-20251225-attest.cbor,           2025-12-25T16:04:19.346Z, '',                          valid",
            "dstack-20251225-debug.cbor,            2025-12-25T08:20:46.577Z, '',                          DEBUG_ENCLAVE",
            "dstack-20251225-debug.cbor,            2025-12-25T08:20:46.577Z, --allow-debug,               valid",
            "dstack-20251225-nsmqvl.cbor,           2025-12-25T13:15:37.578Z, '',                          valid",
            "evervault-20221012-debug.cbor,         2022-10-12T13:50:06.081Z, '',                          DEBUG_ENCLAVE",
            "evervault-20221012-debug.cbor,         2022-10-12T13:50:06.081Z, --allow-debug,               valid",
            "evervault-20221013-beta.cbor,          2022-10-13T08:58:02.136Z, '',                          valid",
            "evervault-20230118-debug.cbor,         2023-01-18T15:10:32.312Z, '',                          DEBUG_ENCLAVE",
            "evervault-20230118-debug.cbor,         2023-01-18T15:10:32.312Z, --allow-debug,               valid",
            "evervault-20230118-pcr8.cbor,          2023-01-18T13:07:19.280Z, '',                          valid",
            "evervault-20230918-ga-debug.cbor,      2023-09-18T15:03:30.860Z, '',                          DEBUG_ENCLAVE",
            "evervault-20230918-ga-debug.cbor,      2023-09-18T15:03:30.860Z, --allow-debug,               valid",
            "fluentbase-20260306-stf.cbor,          2026-03-06T11:14:18.051Z, '',                          valid",
            "hf-nitrite-20211028-debug.cbor,        2021-10-28T17:02:02.077Z, --allow-debug,               FIELD_INVALID",
            "hf-nitrite-20211028-debug.cbor,        2021-10-28T17:02:02.077Z, --allow-debug --profile nsm, valid",
            "nautilus-20250415-twitter.cbor,        1744731549746,            '',                          valid",
            "nautilus-20250415-weather.cbor,        1744684007462,            '',                          valid",
            "neg-vaportpm-nitrotpm-not-enclave.cbor, 2026-02-03T10:12:02.437Z, --profile nsm,              FIELD_INVALID",
            "neg-vaportpm-nitrotpm-not-enclave.cbor, 2026-02-03T10:12:02.437Z, '',                         FIELD_INVALID",
            "sparsity-20230928.cbor,                2023-09-28T11:08:27.117Z, '',                          valid",
            "sparsity-20240816-debug.cbor,          2024-08-16T09:11:49.167Z, '',                          DEBUG_ENCLAVE",
            "sparsity-20240816-debug.cbor,          2024-08-16T09:11:49.167Z, --allow-debug,               valid",
        })
        void verdict(String file, String at, String extra, String expected) throws IOException {
            List<Object> args = new ArrayList<>(List.of("--at", at));
            if (!extra.isBlank()) {
                args.addAll(List.of(extra.split(" ")));
            }
            args.add(vector(file));
            CliRun run = verify(args.toArray());
            assertEquals(expected, run.verdict(), run.out());
            assertEquals(expected.equals("valid") ? 0 : 1, run.exit());
            assertEquals("", run.err());
        }

        @Test
        @DisplayName("Blocky's self-signed mock is rejected under both profiles, even with debug allowed")
        void selfSignedMock() throws IOException {
            for (String profile : List.of("sui", "nsm")) {
                CliRun run = verify(
                        "--at",
                        "1713379906000",
                        "--profile",
                        profile,
                        "--allow-debug",
                        vector("neg-blocky-selfsigned.cbor"));
                assertEquals(1, run.exit());
                JsonObject line = run.line();
                assertEquals(false, line.get("accepted").getAsBoolean());
                Reason.valueOf(line.get("reason").getAsString());
                assertTrue(line.get("detail").getAsString().length() > 0);
            }
        }
    }

    @Test
    @DisplayName("an accepted line carries the document's fields, in a fixed order")
    void acceptedLine() throws IOException {
        Path file = vector(WEATHER);
        CliRun run = verify("--at", WEATHER_AT, file);
        assertEquals(0, run.exit());
        String line = run.out().strip();
        assertTrue(
                line.startsWith("{\"file\":" + quoted(file) + ",\"accepted\":true,\"reason\":null,\"detail\":null,"
                        + "\"moduleId\":\"i-06e4b98c6549ff803-enc0196373b195fb723\",\"attestationTimestamp\":"
                        + WEATHER_TIMESTAMP
                        + ",\"debug\":false,\"pcrs\":{\"0\":\"" + WEATHER_PCR0 + "\",\"1\":"),
                line);
        assertTrue(
                line.endsWith(",\"15\":\"" + "00".repeat(48) + "\"},\"publicKey\":\"" + WEATHER_PUBLIC_KEY
                        + "\",\"userData\":null,\"nonce\":null,\"checkedPcrs\":[]}"),
                line);
        assertEquals(16, run.line().getAsJsonObject("pcrs").size());
        assertEquals(1, run.out().lines().count());
    }

    @Test
    @DisplayName("a rejected line has the reason and detail and nulls elsewhere, in the same order")
    void rejectedLine() throws IOException {
        Path file = vector(WEATHER);
        CliRun run = verify("--at", WEATHER_AT, "--pcr", "2=" + "11".repeat(48), file);
        assertEquals(1, run.exit());
        String detail = run.line().get("detail").getAsString();
        assertEquals(
                "{\"file\":" + quoted(file) + ",\"accepted\":false,\"reason\":\"PCR_MISMATCH\","
                        + "\"detail\":" + quoted(detail)
                        + ",\"moduleId\":null,\"attestationTimestamp\":null,\"debug\":null,\"pcrs\":null,"
                        + "\"publicKey\":null,\"userData\":null,\"nonce\":null,\"checkedPcrs\":[2]}\n",
                run.out());
    }

    private static String quoted(Object value) {
        return "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    @DisplayName("hex and base64 text encodings of a vector verify like the raw file")
    void textEncodings() throws IOException {
        byte[] raw = vectorBytes(WEATHER);
        String hex = HexFormat.of().formatHex(raw);
        Path hexFile = Files.writeString(tmp.resolve("weather.hex"), hex.replaceAll("(.{64})", "$1\n"));
        Path b64File = Files.writeString(
                tmp.resolve("weather.b64"), Base64.getMimeEncoder().encodeToString(raw));
        Path urlFile = Files.writeString(
                tmp.resolve("weather.b64url"),
                Base64.getUrlEncoder().withoutPadding().encodeToString(raw) + "\n");
        CliRun run = verify("--at", WEATHER_AT, hexFile, b64File, urlFile);
        assertEquals(0, run.exit(), run.out());
        for (JsonObject line : run.lines()) {
            assertEquals(WEATHER_TIMESTAMP, line.get("attestationTimestamp").getAsLong());
            assertEquals(WEATHER_PUBLIC_KEY, line.get("publicKey").getAsString());
        }
        assertEquals(3, run.lines().size());
    }

    @Test
    @DisplayName("a directory gives one line per file, sorted by name; one bad file makes exit 1")
    void directory() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("docs"));
        Files.writeString(dir.resolve("2-weather.b64"), Base64.getEncoder().encodeToString(vectorBytes(WEATHER)));
        Files.write(dir.resolve("1-weather.cbor"), vectorBytes(WEATHER));
        Files.writeString(dir.resolve("3-junk.txt"), "hello?");

        CliRun run = verify("--at", WEATHER_AT, dir);

        List<String> files =
                run.lines().stream().map(l -> l.get("file").getAsString()).collect(Collectors.toList());
        assertEquals(
                List.of(
                        dir.resolve("1-weather.cbor").toString(),
                        dir.resolve("2-weather.b64").toString(),
                        dir.resolve("3-junk.txt").toString()),
                files);
        assertTrue(run.lines().get(0).get("accepted").getAsBoolean());
        assertTrue(run.lines().get(1).get("accepted").getAsBoolean());
        assertEquals("MALFORMED", run.lines().get(2).get("reason").getAsString());
        assertEquals(1, run.exit());
    }

    @Test
    @DisplayName("a directory of valid documents exits 0")
    void directoryAllValid() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("ok"));
        Files.write(dir.resolve("a.cbor"), vectorBytes(WEATHER));
        Files.writeString(dir.resolve("b.hex"), HexFormat.of().formatHex(vectorBytes(WEATHER)));
        CliRun run = verify("--at", WEATHER_AT, dir);
        assertEquals(0, run.exit());
        assertEquals(2, run.lines().size());
    }

    @Test
    @DisplayName("an empty directory is a usage error: nothing would be verified")
    void emptyDirectory() throws IOException {
        CliRun run = verify(Files.createDirectory(tmp.resolve("empty")));
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("no documents"), run.err());
        assertEquals("", run.out());
    }

    @Nested
    @DisplayName("options change the verdict")
    class Options {

        @Test
        @DisplayName("--pcr with the document's value passes; another value is PCR_MISMATCH")
        void pcr() throws IOException {
            Path file = vector(WEATHER);
            assertEquals(
                    "valid",
                    verify("--at", WEATHER_AT, "--pcr", "0=" + WEATHER_PCR0, "--pcr", "8=" + "00".repeat(48), file)
                            .verdict());
            CliRun wrong = verify("--at", WEATHER_AT, "--pcr", "0=" + "11".repeat(48), file);
            assertEquals("PCR_MISMATCH", wrong.verdict());
            assertEquals(1, wrong.exit());
        }

        @Test
        @DisplayName("--max-age: the default 5 minutes rejects an older document; a longer one accepts it")
        void maxAge() throws IOException {
            Path file = vector(WEATHER);
            String justStale = Long.toString(WEATHER_TIMESTAMP + 5 * 60_000 + 1);
            assertEquals("STALE", verify("--at", justStale, file).verdict());
            assertEquals(
                    "valid",
                    verify("--at", justStale, "--max-age", "PT6M", file).verdict());
            assertEquals(
                    "STALE",
                    verify("--at", WEATHER_AT, "--max-age", "PT1M", file).verdict());
        }

        @Test
        @DisplayName("--public-key: the document's key passes; another is PUBLIC_KEY_MISMATCH")
        void publicKey() throws IOException {
            Path file = vector(WEATHER);
            assertEquals(
                    "valid",
                    verify("--at", WEATHER_AT, "--public-key", WEATHER_PUBLIC_KEY, file)
                            .verdict());
            assertEquals(
                    "PUBLIC_KEY_MISMATCH",
                    verify("--at", WEATHER_AT, "--public-key", "00".repeat(32), file)
                            .verdict());
        }

        @Test
        @DisplayName("--nonce: a document without a nonce is NONCE_MISMATCH")
        void nonceAbsent() throws IOException {
            assertEquals(
                    "NONCE_MISMATCH",
                    verify("--at", WEATHER_AT, "--nonce", "0102", vector(WEATHER))
                            .verdict());
        }

        @Test
        @DisplayName("--root trusts a development CA; --nonce matches its document's nonce")
        void rootAndNonce() throws IOException {
            Instant now = Instant.parse("2025-06-01T12:00:00Z");
            SyntheticNitro.Authority ca = SyntheticNitro.authority(now.minusSeconds(3600));
            byte[] nonce = HexFormat.of().parseHex("00112233445566778899");
            Path doc = Files.write(
                    tmp.resolve("synthetic.cbor"), ca.document(now).nonce(nonce).build());
            Path pem = Files.writeString(tmp.resolve("dev-ca.pem"), ca.rootPem(), StandardCharsets.US_ASCII);
            String at = now.plusSeconds(1).toString();

            assertEquals("UNTRUSTED_CHAIN", verify("--at", at, doc).verdict());
            CliRun trusted = verify("--at", at, "--root", pem, "--nonce", "00112233445566778899", doc);
            assertEquals("valid", trusted.verdict(), trusted.out());
            assertEquals("00112233445566778899", trusted.line().get("nonce").getAsString());
            assertEquals(
                    "NONCE_MISMATCH",
                    verify("--at", at, "--root", pem, "--nonce", "01", doc).verdict());
        }

        @Test
        @DisplayName("--root that cannot be read or is not PEM is a usage error")
        void badRoot() throws IOException {
            Path doc = vector(WEATHER);
            CliRun missing = verify("--root", tmp.resolve("none.pem"), doc);
            assertEquals(2, missing.exit());
            assertTrue(missing.err().contains("--root: cannot read"), missing.err());
            Path junk = Files.writeString(tmp.resolve("junk.pem"), "not a certificate");
            CliRun notPem = verify("--root", junk, doc);
            assertEquals(2, notPem.exit());
            assertTrue(notPem.err().contains("is not a PEM certificate"), notPem.err());
            assertEquals("", notPem.out());
        }

        @Test
        @DisplayName("--profile nsm accepts a 0-byte public_key that sui refuses")
        void profile() throws IOException {
            Path file = vector("hf-nitrite-20211028-debug.cbor");
            String at = "2021-10-28T17:02:02.077Z";
            assertEquals(
                    "FIELD_INVALID", verify("--at", at, "--allow-debug", file).verdict());
            assertEquals(
                    "valid",
                    verify("--at", at, "--allow-debug", "--profile", "nsm", file)
                            .verdict());
        }
    }

    @Test
    @DisplayName("a usage error exits 2 with the message on stderr and nothing on stdout")
    void usageError() throws IOException {
        CliRun run = verify("--pcr", "99=00", vector(WEATHER));
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("'--pcr' (N=HEX): index must be 0..31, got '99'"), run.err());
        assertTrue(run.err().contains("--help"), run.err());
        assertEquals("", run.out());
    }

    @Test
    @DisplayName("an oversized file is MALFORMED with a clear detail; the others are still verified")
    void oversized() throws IOException {
        Path big = Files.write(tmp.resolve("big.cbor"), new byte[DocumentDecoder.MAX_FILE_BYTES + 1]);
        CliRun run = verify("--at", WEATHER_AT, big, vector(WEATHER));
        assertEquals(1, run.exit());
        assertEquals("MALFORMED", run.lines().get(0).get("reason").getAsString());
        assertTrue(run.lines().get(0).get("detail").getAsString().contains("larger than"));
        assertTrue(run.lines().get(1).get("accepted").getAsBoolean());
    }

    @Test
    @DisplayName("a missing or unreadable file is UNREADABLE; the others are still verified")
    void unreadable() throws IOException {
        Path missing = tmp.resolve("missing.cbor");
        Path underFile = vector(WEATHER).resolve("child");
        CliRun run = verify("--at", WEATHER_AT, missing, underFile, vector(WEATHER));
        assertEquals(1, run.exit());
        List<JsonObject> lines = run.lines();
        assertEquals("UNREADABLE", lines.get(0).get("reason").getAsString());
        assertEquals(
                "cannot read: no such file or directory",
                lines.get(0).get("detail").getAsString());
        assertEquals("UNREADABLE", lines.get(1).get("reason").getAsString());
        assertTrue(lines.get(2).get("accepted").getAsBoolean());
    }
}
