package dev.provably.nautilus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.provably.nautilus.gate.EnclaveSimulator;
import dev.provably.nautilus.report.ReportFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("gate command")
class GateCommandTest {
    private static final String AT = EnclaveSimulator.NOW.toString();
    /** The request every sample answers, as the backend passes it: its nonce and its media's SHA-256. */
    private static final String NONCE = "--nonce=" + HexFormat.of().formatHex(EnclaveSimulator.NONCE);

    private static final String MEDIA = "--media-sha256=" + ReportFixtures.ABC_SHA256;

    @TempDir
    Path tmp;

    private final EnclaveSimulator enclave = new EnclaveSimulator();
    private Path config;

    @BeforeEach
    void stackOutputs() throws IOException {
        JsonObject backend = new JsonObject();
        backend.add("enclaveApiUrls", list("http://10.0.1.5:5000"));
        backend.add("healthUrls", list("http://10.0.1.5:8080/health"));
        JsonObject pcrs = new JsonObject();
        for (int i = 0; i < 3; i++) {
            pcrs.addProperty(Integer.toString(i), HexFormat.of().formatHex(EnclaveSimulator.defaultPcr(i)));
        }
        backend.add("expectedPcrs", pcrs);
        backend.addProperty("profile", "sui");
        backend.addProperty("maxAgeSeconds", 300);
        backend.addProperty("allowDebug", false);
        backend.addProperty("region", "us-east-1");
        backend.addProperty("trustAnchorPem", EnclaveSimulator.CA.rootPem());
        JsonObject analyzers = new JsonObject();
        analyzers.addProperty("provenance", HexFormat.of().formatHex(ReportFixtures.PROVENANCE_IDENTITY));
        analyzers.addProperty("model", HexFormat.of().formatHex(ReportFixtures.MODEL_IDENTITY));
        JsonObject analysis = new JsonObject();
        analysis.addProperty("policy", HexFormat.of().formatHex(ReportFixtures.POLICY_IDENTITY));
        analysis.add("analyzers", analyzers);
        backend.add("expectedAnalysis", analysis);
        JsonObject outputs = new JsonObject();
        outputs.addProperty("instanceId", "i-0123456789abcdef0");
        outputs.add("backendConfig", backend);
        config = write("stack-outputs.json", outputs.toString());
    }

    private static JsonArray list(String value) {
        JsonArray array = new JsonArray();
        array.add(value);
        return array;
    }

    private Path write(String name, String text) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private Path response(String name, EnclaveSimulator.Response response) throws IOException {
        return write(name, response.json());
    }

    @Test
    @DisplayName("accepted responses: one line each with the decoded report, exit 0")
    void accepted() throws IOException {
        Path first = response("a.json", enclave.respond(ReportFixtures.sample()));
        Path second =
                response("b.json", enclave.respond(ReportFixtures.sample(ReportFixtures.SAMPLE_TIMESTAMP_MS + 1)));
        CliRun run = CliRun.of(
                "gate", "--config", config.toString(), NONCE, MEDIA, "--at", AT, first.toString(), second.toString());
        assertEquals(0, run.exit(), run.err());
        List<JsonObject> lines = run.lines();
        assertEquals(2, lines.size());
        JsonObject line = lines.get(0);
        assertEquals(first.toString(), line.get("file").getAsString());
        assertTrue(line.get("accepted").getAsBoolean());
        assertTrue(line.get("reason").isJsonNull());
        assertEquals(
                "AI_GENERATED_DECLARED",
                line.getAsJsonObject("report").get("verdict").getAsString());
        assertEquals(ReportFixtures.SAMPLE_BCS_HEX, line.get("reportBcs").getAsString());
        assertEquals(
                HexFormat.of().formatHex(enclave.publicKey()),
                line.get("publicKey").getAsString());
        assertTrue(line.get("sui").isJsonNull());
    }

    @Test
    @DisplayName("a rejected response gets its reason; a repeated one is REPLAYED; exit 1")
    void rejected() throws IOException {
        EnclaveSimulator.Response lying = enclave.respond(ReportFixtures.sample());
        lying.view.addProperty("verdict", "UNKNOWN");
        Path good = response("good.json", enclave.respond(ReportFixtures.sample()));
        Path bad = response("lying.json", lying);
        CliRun run = CliRun.of(
                "gate",
                "--config",
                config.toString(),
                NONCE,
                MEDIA,
                "--at",
                AT,
                bad.toString(),
                good.toString(),
                good.toString(),
                tmp.resolve("missing.json").toString());
        assertEquals(1, run.exit());
        List<JsonObject> lines = run.lines();
        assertEquals(
                List.of("REPORT_VIEW_MISMATCH", "accepted", "REPLAYED", "UNREADABLE"),
                lines.stream()
                        .map(l -> l.get("accepted").getAsBoolean()
                                ? "accepted"
                                : l.get("reason").getAsString())
                        .toList());
        assertTrue(lines.get(0).get("report").isJsonNull());
        assertTrue(lines.get(0).get("detail").getAsString().contains("verdict"));
    }

    @Test
    @DisplayName("--nonce is required in every attestation")
    void nonce() throws IOException {
        Path file = response("r.json", enclave.respond(ReportFixtures.sample()).withNonce(new byte[] {1, 2}));
        CliRun ok =
                CliRun.of("gate", "--config", config.toString(), MEDIA, "--at", AT, "--nonce", "0102", file.toString());
        assertEquals(0, ok.exit(), ok.out());
        CliRun other = CliRun.of("gate", "--config=" + config, MEDIA, "--at=" + AT, "--nonce=0103", file.toString());
        assertEquals(1, other.exit());
        assertEquals("NONCE_MISMATCH", other.line().get("reason").getAsString());
    }

    @Test
    @DisplayName("--nonce and --media (or --media-sha256) are required: no way to skip the request binding")
    void requestBindingRequired() throws IOException {
        String file =
                response("r.json", enclave.respond(ReportFixtures.sample())).toString();
        String cfg = config.toString();
        CliRun noNonce = CliRun.of("gate", "--config", cfg, "--at", AT, MEDIA, file);
        assertEquals(2, noNonce.exit());
        assertTrue(noNonce.err().contains("--nonce HEX is required"), noNonce.err());
        CliRun noMedia = CliRun.of("gate", "--config", cfg, "--at", AT, NONCE, file);
        assertEquals(2, noMedia.exit());
        assertTrue(noMedia.err().contains("--media FILE or --media-sha256 HEX"), noMedia.err());
        Path abc = write("media.bin", "abc");
        CliRun both = CliRun.of("gate", "--config", cfg, "--at", AT, NONCE, MEDIA, "--media", abc.toString(), file);
        assertEquals(2, both.exit());
        CliRun byFile = CliRun.of("gate", "--config", cfg, "--at", AT, NONCE, "--media", abc.toString(), file);
        assertEquals(0, byFile.exit(), byFile.out() + byFile.err());
    }

    @Test
    @DisplayName("- reads a response from standard input")
    void standardInput() {
        byte[] response = enclave.respond(ReportFixtures.sample()).json().getBytes(StandardCharsets.UTF_8);
        CliRun run = CliRun.withInput(response, "gate", "--config", config.toString(), "--at", AT, NONCE, MEDIA, "-");
        assertEquals(0, run.exit(), run.out() + run.err());
        assertEquals("-", run.line().get("file").getAsString());
    }

    @Test
    @DisplayName("a genuine report about other media than --media names is MEDIA_MISMATCH")
    void substitutedMedia() throws IOException {
        String file =
                response("r.json", enclave.respond(ReportFixtures.sample())).toString();
        Path other = write("other.bin", "not abc");
        CliRun run =
                CliRun.of("gate", "--config", config.toString(), "--at", AT, NONCE, "--media", other.toString(), file);
        assertEquals(1, run.exit());
        assertEquals("MEDIA_MISMATCH", run.line().get("reason").getAsString());
    }

    @Test
    @DisplayName("--sui adds the submission payload with the report command")
    void sui() throws IOException {
        Path file = response("r.json", enclave.respond(ReportFixtures.sample()));
        CliRun run =
                CliRun.of("gate", "--config", config.toString(), NONCE, MEDIA, "--at", AT, "--sui", file.toString());
        assertEquals(0, run.exit(), run.err());
        JsonObject sui = run.line().getAsJsonObject("sui");
        assertEquals(
                ReportFixtures.SAMPLE_BCS_HEX,
                sui.getAsJsonObject("report").get("signedBytes").getAsString());
        assertTrue(sui.getAsJsonObject("ptb")
                .get("report")
                .getAsString()
                .startsWith("sui client ptb \\\n  --move-call '<PACKAGE_ID>::media_report::submit_report'"));
    }

    @Test
    @DisplayName(
            "--registered FILE: a recorded enclave key gets no registration command; without --sui it is a usage error")
    void registered() throws IOException {
        Path file = response("r.json", enclave.respond(ReportFixtures.sample()));
        Path record = write(
                "registered.txt",
                "# keys this backend registered on Sui\n" + HexFormat.of().formatHex(enclave.publicKey()) + "\n");
        CliRun run = CliRun.of(
                "gate",
                "--config",
                config.toString(),
                NONCE,
                MEDIA,
                "--at",
                AT,
                "--sui",
                "--registered",
                record.toString(),
                file.toString());
        assertEquals(0, run.exit(), run.err());
        JsonObject sui = run.line().getAsJsonObject("sui");
        assertTrue(sui.getAsJsonObject("registration").get("alreadyRegistered").getAsBoolean());
        assertFalse(sui.getAsJsonObject("ptb").has("registration"));
        assertEquals(
                2,
                CliRun.of(
                                "gate",
                                "--config",
                                config.toString(),
                                NONCE,
                                MEDIA,
                                "--at",
                                AT,
                                "--registered",
                                record.toString(),
                                file.toString())
                        .exit());
        Path bad = write("bad-record.txt", "not a key\n");
        CliRun refused = CliRun.of(
                "gate",
                "--config",
                config.toString(),
                NONCE,
                MEDIA,
                "--at",
                AT,
                "--sui",
                "--registered",
                bad.toString(),
                file.toString());
        assertEquals(2, refused.exit());
        assertTrue(refused.err().contains("bad-record.txt:1"), refused.err());
    }

    @Test
    @DisplayName("without --at the gate uses the current time, so the 2025 sample is stale")
    void currentTime() throws IOException {
        Path file = response("r.json", enclave.respond(ReportFixtures.sample()));
        CliRun run = CliRun.of("gate", "--config", config.toString(), NONCE, MEDIA, file.toString());
        assertEquals(1, run.exit());
        assertFalse(run.line().get("accepted").getAsBoolean());
    }

    @Test
    @DisplayName("usage errors exit 2: no config, a bad config, an unknown option, no input")
    void usage() throws IOException {
        Path file = response("r.json", enclave.respond(ReportFixtures.sample()));
        assertEquals(2, CliRun.of("gate", file.toString()).exit());
        Path badConfig =
                write("bad.json", "{\"enclaveApiUrls\":[\"http://10.0.1.5:5000\"],\"expectedPcrs\":{\"0\":\"zz\"}}");
        CliRun bad = CliRun.of("gate", "--config", badConfig.toString(), NONCE, MEDIA, file.toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("expectedPcrs.0"), bad.err());
        assertEquals("", bad.out());
        assertEquals(
                2,
                CliRun.of("gate", "--config", config.toString(), NONCE, MEDIA, "--frobnicate", file.toString())
                        .exit());
        assertEquals(2, CliRun.of("gate", "--config", config.toString()).exit());
        assertEquals(
                2,
                CliRun.of("gate", "--config", tmp.resolve("none.json").toString(), NONCE, MEDIA, file.toString())
                        .exit());
        assertEquals(
                2,
                CliRun.of("gate", "--config", config.toString(), MEDIA, "--nonce", "xyz", file.toString())
                        .exit());
        assertEquals(
                2,
                CliRun.of("gate", "--config", config.toString(), NONCE, MEDIA, "--sui=1", file.toString())
                        .exit());
    }

    @Test
    @DisplayName("syntax errors name the option on stderr, with the pointer to --help, and print nothing")
    void syntaxErrors() throws IOException {
        String file =
                response("r.json", enclave.respond(ReportFixtures.sample())).toString();
        String cfg = config.toString();
        String[][] lines = {
            {"--config", cfg, "--config=" + cfg, file},
            {"--config", cfg, file, "--at"},
            {"--config", cfg, "--sui=1", file},
            {"--config", cfg, "--frobnicate", file},
            {file},
        };
        String[] messages = {
            "option '--config' (FILE) should be specified only once",
            "Missing required parameter for option '--at' (TIME)",
            "Invalid value for option '--sui': '1' is not a boolean",
            "Unknown option: '--frobnicate'",
            "--config FILE is required (the backend config)",
        };
        for (int i = 0; i < lines.length; i++) {
            String[] args = new String[lines[i].length + 1];
            args[0] = "gate";
            System.arraycopy(lines[i], 0, args, 1, lines[i].length);
            CliRun run = CliRun.of(args);
            assertEquals(2, run.exit(), messages[i]);
            assertEquals(
                    "nautilus-verifier gate: " + messages[i] + "\n"
                            + "Run 'nautilus-verifier gate --help' for the options.\n",
                    run.err());
            assertEquals("", run.out());
        }
    }

    @Test
    @DisplayName("--nonce and paths read as in verify: 0x allowed, no empty nonce, no empty path")
    void valuesAsVerify() throws IOException {
        Path file = response("r.json", enclave.respond(ReportFixtures.sample()).withNonce(new byte[] {1, 2}));
        String cfg = config.toString();
        assertEquals(
                0,
                CliRun.of("gate", "--config", cfg, MEDIA, "--at", AT, "--nonce", "0x0102", file.toString())
                        .exit());
        CliRun empty = CliRun.of("gate", "--config", cfg, MEDIA, "--nonce=", file.toString());
        assertEquals(2, empty.exit());
        assertTrue(
                empty.err().contains("Invalid value for option '--nonce': wants at least one byte of hex, got nothing"),
                empty.err());
        CliRun odd = CliRun.of("gate", "--config", cfg, MEDIA, "--nonce", "abc", file.toString());
        assertTrue(
                odd.err().contains("Invalid value for option '--nonce': wants an even number of hex digits, got 3"),
                odd.err());
        CliRun noPath = CliRun.of("gate", "--config", cfg, NONCE, MEDIA, "");
        assertEquals(2, noPath.exit());
        assertTrue(noPath.err().contains("an empty argument"), noPath.err());
        assertEquals("", noPath.out());
    }

    @Test
    @DisplayName("--help prints every option and the tool's command list names gate")
    void help() {
        CliRun run = CliRun.of("gate", "--help");
        assertEquals(0, run.exit());
        for (String option : new String[] {
            "--config", "--nonce", "--media", "--media-sha256", "--at", "--sui", "--registered", "--help"
        }) {
            assertTrue(run.out().contains(option), option);
        }
        assertTrue(CliRun.of("--help").out().contains("gate "));
    }
}
