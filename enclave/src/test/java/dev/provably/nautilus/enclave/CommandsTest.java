package dev.provably.nautilus.enclave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.provably.nautilus.attestation.AttestationVerifier;
import dev.provably.nautilus.attestation.Expectations;
import dev.provably.nautilus.attestation.TrustAnchor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class CommandsTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private final PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    private JsonObject get(String url) throws Exception {
        HttpResponse<String> response =
                client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private static String base(int port) {
        return "http://127.0.0.1:" + port;
    }

    @Test
    @DisplayName(
            "serve --local writes the dev root; its documents verify with TrustAnchor.fromPemFile; the CA survives restarts")
    void serveLocal(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("dev-ca");
        Path root = dir.resolve("root.pem");
        List<String> args = List.of(
                "--local",
                "--port",
                "0",
                "--state-dir",
                state.toString(),
                "--dev-root-out",
                root.toString(),
                "--threads",
                "4");
        String firstRoot;
        byte[] firstKey;
        try (ServeCommand.Running running = ServeCommand.launch(args, quiet)) {
            firstRoot = Files.readString(root);
            firstKey = running.signer().publicKey();
            JsonObject body = get(base(running.server().address().getPort()) + "/v1/attestation?nonce=0a0b");
            AttestationVerifier.builder()
                    .anyEnclaveImage()
                    .trustAnchor(TrustAnchor.fromPemFile(root))
                    .build()
                    .verify(
                            Base64.getDecoder().decode(body.get("attestation").getAsString()),
                            Expectations.none().withPublicKey(firstKey).withNonce(new byte[] {10, 11}));
            // The documented user flow: the verifier CLI with --root accepts it, and rejects it without.
            Path document = Files.writeString(
                    dir.resolve("attestation.b64"), body.get("attestation").getAsString());
            List<String> verify = List.of(
                    "verify",
                    "--any-image",
                    "--root",
                    root.toString(),
                    "--nonce",
                    "0a0b",
                    "--public-key",
                    HexFormat.of().formatHex(firstKey),
                    document.toString());
            assertEquals(0, dev.provably.nautilus.cli.Main.run(verify.toArray(String[]::new), quiet, quiet));
            assertEquals(
                    1,
                    dev.provably.nautilus.cli.Main.run(
                            new String[] {"verify", "--any-image", document.toString()}, quiet, quiet),
                    "the AWS root rejects it");
            assertEquals("127.0.0.1", running.server().address().getHostString(), "loopback only");
        }
        try (ServeCommand.Running again = ServeCommand.launch(args, quiet)) {
            assertEquals(firstRoot, Files.readString(root), "the cached CA is reused");
            assertTrue(
                    !HexFormat.of()
                            .formatHex(firstKey)
                            .equals(HexFormat.of().formatHex(again.signer().publicKey())),
                    "a new Ed25519 key on every start");
        }
    }

    @Test
    @DisplayName("local-client against serve --local and host --local, then the gate, then local-client show:"
            + " the flow ./run-local drives, through the same command lines")
    void localClient(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("dev-root.pem");
        Path run = dir.resolve("run");
        Path media = Files.write(dir.resolve("sample.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        try (ServeCommand.Running enclave = ServeCommand.launch(
                List.of(
                        "--local",
                        "--port",
                        "0",
                        "--state-dir",
                        dir.resolve("ca").toString(),
                        "--dev-root-out",
                        root.toString()),
                quiet)) {
            String enclaveUrl = base(enclave.server().address().getPort());
            HostCommand.Running host = HostCommand.launch(
                    List.of("--port", "0", "--bind", "127.0.0.1", "--local", "--enclave-url", enclaveUrl), quiet);
            ByteArrayOutputStream progress = new ByteArrayOutputStream();
            try {
                assertEquals(
                        0,
                        Main.run(
                                new String[] {
                                    "local-client",
                                    "--enclave-url",
                                    enclaveUrl,
                                    "--health-url",
                                    base(host.health().address().getPort()) + "/health",
                                    "--media",
                                    media.toString(),
                                    "--dev-root",
                                    root.toString(),
                                    "--out",
                                    run.toString()
                                },
                                new PrintStream(progress, true, StandardCharsets.UTF_8),
                                quiet),
                        progress.toString(StandardCharsets.UTF_8));
            } finally {
                host.close();
            }
        }
        Path gateOutput = dir.resolve("gate.jsonl");
        try (PrintStream gate = new PrintStream(Files.newOutputStream(gateOutput), true, StandardCharsets.UTF_8)) {
            assertEquals(
                    1,
                    dev.provably.nautilus.cli.Main.run(
                            new String[] {
                                "gate",
                                "--config",
                                run.resolve("stack-outputs.json").toString(),
                                "--nonce",
                                Files.readString(run.resolve("nonce.hex")).strip(),
                                "--media",
                                media.toString(),
                                "--sui",
                                run.resolve("response.json").toString(),
                                run.resolve("tampered.json").toString(),
                                run.resolve("replayed.json").toString()
                            },
                            gate,
                            quiet));
        }
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        Path sui = dir.resolve("sui.json");
        assertEquals(
                0,
                Main.run(
                        new String[] {"local-client", "show", gateOutput.toString(), "--sui-out", sui.toString()},
                        new PrintStream(shown, true, StandardCharsets.UTF_8),
                        quiet));
        String text = shown.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("ACCEPTED  " + run.resolve("response.json")), text);
        assertTrue(text.contains("reason  USER_DATA_MISMATCH"), text);
        assertTrue(text.contains("reason  REPLAYED"), text);
        JsonObject payload = JsonParser.parseString(Files.readString(sui)).getAsJsonObject();
        assertTrue(
                payload.getAsJsonObject("ptb").get("registration").getAsString().startsWith("sui client ptb"));
    }

    @Test
    @DisplayName("local-client failures exit 1 with the reason: no gate output to show, an enclave that is not there")
    void localClientFailures(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(
                1,
                Main.run(
                        new String[] {
                            "local-client", "show", dir.resolve("none.jsonl").toString()
                        },
                        quiet,
                        errors));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("error: no gate output at "), err.toString());
        err.reset();
        Path media = Files.write(dir.resolve("m.png"), new byte[] {1});
        Path root = Files.writeString(dir.resolve("root.pem"), "-----BEGIN CERTIFICATE-----\n");
        String dead;
        try (ServerSocket released = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = base(released.getLocalPort()); // nothing listens there once it is closed
        }
        assertEquals(
                1,
                Main.run(
                        new String[] {
                            "local-client",
                            "--enclave-url",
                            dead,
                            "--health-url",
                            dead + "/health",
                            "--media",
                            media.toString(),
                            "--dev-root",
                            root.toString(),
                            "--out",
                            dir.resolve("o").toString()
                        },
                        quiet,
                        errors));
        assertTrue(
                err.toString(StandardCharsets.UTF_8)
                        .contains("error: the enclave is not healthy: " + dead + "/health: UNHEALTHY (cannot connect"),
                err.toString());
    }

    @Test
    @DisplayName("serve without --local needs /dev/nsm and says so")
    void serveWithoutNsm() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(
                new String[] {"serve", "--port", "0"}, quiet, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("/dev/nsm"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("serve's queue options reach the job queue, as /health shows")
    void serveQueueOptions(@TempDir Path dir) throws Exception {
        List<String> args = List.of(
                "--local",
                "--port",
                "0",
                "--state-dir",
                dir.resolve("dev-ca").toString(),
                "--max-body",
                "1000",
                "--analysis-workers",
                "3",
                "--queue-jobs",
                "5",
                "--queue-bytes",
                "4000",
                "--job-timeout",
                "7",
                "--result-ttl",
                "9");
        try (ServeCommand.Running running = ServeCommand.launch(args, quiet)) {
            JsonObject queue =
                    get(base(running.server().address().getPort()) + "/health").getAsJsonObject("queue");
            assertEquals(3, queue.get("workers").getAsInt());
            assertEquals(0, queue.get("depth").getAsInt());
        }
    }

    @Test
    @DisplayName("bad command lines are usage errors (exit 2)")
    void usageErrors() {
        String[][] bad = {
            {},
            {"launch"},
            {"serve", "--local", "--port", "70000"},
            {"serve", "--local", "--max-body", "0"},
            {"serve", "--dev-root-out", "x.pem"},
            {"serve", "--local", "--colour"},
            {"serve", "--local", "--port"},
            {"serve", "--local", "--port", "1", "--port", "2"},
            {"serve", "--local", "--analysis-workers", "0"},
            {"serve", "--local", "--queue-jobs", "0"},
            {"serve", "--local", "--queue-bytes", "1000"},
            {"serve", "--local", "--max-body", "2000", "--queue-bytes", "1999"},
            {"serve", "--local", "--job-timeout", "0"},
            {"serve", "--local", "--result-ttl", "ten"},
            {"host", "--local", "--describe-command", "x"},
            {"host", "--enclave-url", "http://x"},
            {"host", "--expect-cpus", "two"},
            {"host", "--bind", "localhost"},
            {"host", "--bind", "10.0.0"},
            {"host", "--bind", "abc.def"},
            {"host", "--identity-dir", "d"},
            {"host", "--imds-endpoint", "http://127.0.0.1:1"},
            {"host", "--support-port", "1", "--imds-endpoint", "ftp://x"},
            {"host", "--support-port", "70000"},
            {"host", "--identity-ssm-prefix", "/nautilus/x"},
            {"host", "--support-port", "0", "--identity-dir", "d", "--identity-ssm-prefix", "/nautilus/x"},
            {"host", "--support-port", "0", "--identity-ssm-prefix", "nautilus/x"},
            {"host", "--support-port", "0", "--identity-ssm-prefix", "/aws/x"},
            {"host", "--support-port", "0", "--ssm-region", "eu-west-1"},
            {"host", "--support-port", "0", "--identity-ssm-prefix", "/nautilus/x", "--ssm-region", "Europe"},
            {"host", "--support-port", "0", "--identity-ssm-prefix", "/nautilus/x", "--ssm-endpoint", "ftp://x"},
            {"serve", "--kms-key-id", "k", "--kms-region", "eu-west-1"},
            {"local-client"},
            {"local-client", "--enclave-url", "ftp://a", "--health-url", "http://b/health"},
            {"local-client", "--enclave-url", "http://a", "--health-url", "http://b/health", "--media", "x.png"},
            {
                "local-client",
                "--enclave-url",
                "http://a",
                "--health-url",
                "http://b/health",
                "--media",
                "x.bin",
                "--dev-root",
                "r.pem",
                "--out",
                "o"
            },
            {
                "local-client",
                "--enclave-url",
                "http://a",
                "--health-url",
                "http://b/health",
                "--media",
                "x.png",
                "--dev-root",
                "r.pem",
                "--out",
                "o",
                "--verdict",
                "MAYBE"
            },
            {
                "local-client",
                "--enclave-url",
                "http://a",
                "--health-url",
                "http://b/health",
                "--media",
                "x.png",
                "--dev-root",
                "r.pem",
                "--out",
                "o",
                "--ai-generated-bps",
                "10001"
            },
            {
                "local-client",
                "--enclave-url",
                "http://a",
                "--health-url",
                "http://b/health",
                "--media",
                "absent.png",
                "--dev-root",
                "r.pem",
                "--out",
                "o"
            },
            {"local-client", "show"},
        };
        for (String[] args : bad) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(
                    2,
                    Main.run(args, quiet, new PrintStream(err, true, StandardCharsets.UTF_8)),
                    String.join(" ", args));
            String printed = err.toString(StandardCharsets.UTF_8);
            assertTrue(
                    printed.contains("Usage: nautilus-enclave") || printed.contains("--help' for the options."),
                    String.join(" ", args) + ": " + printed);
        }
    }

    @Test
    @DisplayName("a usage error names the command and the problem, points at --help, exits 2 in every command;"
            + " a bad URL included")
    void usageErrorWording() {
        String[][] lines = {
            {"host", "--local", "--enclave-url", "http://a b"},
            {"local-client", "--enclave-url", "http://a b", "--health-url", "http://b/health"},
            {"serve", "--local", "--colour"},
            {"host", "--port", "eighty"},
            {"local-client", "show", "--bogus", "x"},
            {"kms-local", "--state-dir", "s", "--dev-root", "r"},
            {"serve", "--dev-root-out", "x.pem"},
            {"frobnicate"},
        };
        String[] messages = {
            "nautilus-enclave host: Invalid value for option '--enclave-url': is not a URL: 'http://a b'",
            "nautilus-enclave local-client: Invalid value for option '--enclave-url': is not a URL: 'http://a b'",
            "nautilus-enclave serve: Unknown option: '--colour'",
            "nautilus-enclave host: Invalid value for option '--port': 'eighty' is not a long",
            "nautilus-enclave local-client show: Unknown option: '--bogus'",
            "nautilus-enclave kms-local: Missing required option: '--release-jar=JAR'",
            "nautilus-enclave serve: --dev-root-out and --state-dir only apply with --local",
            "nautilus-enclave: unknown command 'frobnicate'",
        };
        for (int i = 0; i < lines.length; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(
                    2,
                    Main.run(
                            lines[i],
                            new PrintStream(out, true, StandardCharsets.UTF_8),
                            new PrintStream(err, true, StandardCharsets.UTF_8)),
                    messages[i]);
            String printed = err.toString(StandardCharsets.UTF_8);
            String command = messages[i].substring(0, messages[i].indexOf(':'));
            assertTrue(printed.startsWith(messages[i]), printed);
            assertTrue(printed.endsWith("Run '" + command + " --help' for the options.\n"), printed);
            assertEquals("", out.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    @DisplayName("every command's --help is generated from its options: each declared option is in it; exit 0")
    void helpFromOptions() {
        CommandLine tree = Main.commandLine(quiet, quiet);
        List<CommandLine> commands =
                new java.util.ArrayList<>(tree.getSubcommands().values());
        commands.addAll(
                tree.getSubcommands().get("local-client").getSubcommands().values());
        commands.removeIf(c -> c.getCommandName().equals("help"));
        assertEquals(
                List.of("serve", "host", "local-client", "analyze", "kms-local", "show", "samples"),
                commands.stream().map(CommandLine::getCommandName).toList());
        for (CommandLine command : commands) {
            String[] args = command.getCommandSpec()
                    .qualifiedName(" ")
                    .replace("nautilus-enclave ", "")
                    .concat(" --help")
                    .split(" ");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(
                    0,
                    Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), quiet),
                    String.join(" ", args));
            String help = out.toString(StandardCharsets.UTF_8);
            assertTrue(
                    help.startsWith(
                            command.getCommandSpec().usageMessage().header()[0].substring(0, 20)),
                    help);
            for (OptionSpec option : command.getCommandSpec().options()) {
                for (String name : option.names()) {
                    assertTrue(help.contains(name), name + " in " + String.join(" ", args) + ":\n" + help);
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, Main.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8), quiet));
        for (String name : List.of("serve", "host", "local-client", "analyze", "kms-local", "help")) {
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("  " + name + " "), name);
        }
    }

    @Test
    @DisplayName("every command answers --version with the build's version")
    void versionEverywhere() {
        for (String command : List.of("serve", "host", "local-client", "analyze", "kms-local")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(
                    0,
                    Main.run(
                            new String[] {command, "--version"},
                            new PrintStream(out, true, StandardCharsets.UTF_8),
                            quiet));
            assertTrue(
                    out.toString(StandardCharsets.UTF_8).matches("nautilus-enclave \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\n"),
                    out.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    @DisplayName("--version prints the build's version, exit 0")
    void version() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(
                0, Main.run(new String[] {"--version"}, new PrintStream(out, true, StandardCharsets.UTF_8), quiet));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.matches("nautilus-enclave \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\n"), printed);
    }

    @Test
    @DisplayName("host --local (bound to loopback) reports the local enclave's health; with a fake nitro-cli, RUNNING")
    void host(@TempDir Path dir) throws Exception {
        try (ServeCommand.Running enclave =
                ServeCommand.launch(List.of("--local", "--port", "0", "--state-dir", dir.toString()), quiet)) {
            String enclaveUrl = base(enclave.server().address().getPort());
            HostCommand.Running host = HostCommand.launch(
                    List.of("--port", "0", "--bind", "127.0.0.1", "--local", "--enclave-url", enclaveUrl), quiet);
            try {
                assertTrue(
                        host.health().address().getAddress().isLoopbackAddress(),
                        "--bind narrows the listening address");
                JsonObject health = get(base(host.health().address().getPort()) + "/health");
                assertEquals("healthy", health.get("status").getAsString());
                assertEquals(
                        "local", health.getAsJsonObject("enclave").get("mode").getAsString());
            } finally {
                host.close();
            }
        }
        Path script = Path.of(getClass().getResource("host/fake-nitro-cli.sh").toURI());
        HostCommand.Running host = HostCommand.launch(
                List.of(
                        "--port",
                        "0",
                        "--describe-command",
                        "bash " + script + " running",
                        "--expect-cpus",
                        "2",
                        "--expect-memory-mib",
                        "1024"),
                quiet);
        try {
            JsonObject health = get(base(host.health().address().getPort()) + "/health");
            assertEquals("healthy", health.get("status").getAsString());
            assertEquals(16, health.getAsJsonObject("enclave").get("cid").getAsInt());
        } finally {
            host.close();
        }
    }

    @Test
    @DisplayName(
            "host --support-port adds the enclave support endpoint on loopback: IMDS credentials and the identity store")
    void hostSupportEndpoint(@TempDir Path dir) throws Exception {
        Path script = Path.of(getClass().getResource("host/fake-nitro-cli.sh").toURI());
        try (dev.provably.nautilus.enclave.host.FakeImds imds = new dev.provably.nautilus.enclave.host.FakeImds(
                        java.time.Instant.now().plusSeconds(3600));
                HostCommand.Running host = HostCommand.launch(
                        List.of(
                                "--port",
                                "0",
                                "--describe-command",
                                "bash " + script + " running",
                                "--support-port",
                                "0",
                                "--identity-dir",
                                dir.toString(),
                                "--imds-endpoint",
                                imds.endpoint()),
                        quiet)) {
            var support = host.support().orElseThrow();
            assertTrue(support.address().getAddress().isLoopbackAddress(), "never beyond loopback");
            JsonObject credentials = get(base(support.address().getPort()) + "/v1/credentials");
            assertEquals(
                    dev.provably.nautilus.enclave.host.FakeImds.ACCESS_KEY_ID,
                    credentials.get("AccessKeyId").getAsString());
        }
    }

    @Test
    @DisplayName("host --identity-ssm-prefix keeps the sealed records in SSM parameters <prefix>/identity/<PCR0>,"
            + " signed with the instance role's credentials")
    void hostSupportEndpointWithParameterStore() throws Exception {
        Path script = Path.of(getClass().getResource("host/fake-nitro-cli.sh").toURI());
        String release = "ab".repeat(48);
        try (dev.provably.nautilus.enclave.host.FakeImds imds = new dev.provably.nautilus.enclave.host.FakeImds(
                        java.time.Instant.now().plusSeconds(3600));
                dev.provably.nautilus.enclave.host.FakeSsm ssm = new dev.provably.nautilus.enclave.host.FakeSsm();
                HostCommand.Running host = HostCommand.launch(
                        List.of(
                                "--port",
                                "0",
                                "--describe-command",
                                "bash " + script + " running",
                                "--support-port",
                                "0",
                                "--identity-ssm-prefix",
                                "/nautilus/demo-prod",
                                "--ssm-region",
                                "eu-west-1",
                                "--ssm-endpoint",
                                ssm.endpoint().toString(),
                                "--imds-endpoint",
                                imds.endpoint()),
                        quiet)) {
            var store = new dev.provably.nautilus.enclave.parent.ParentIdentityStore(
                    dev.provably.nautilus.enclave.parent.ParentEndpoint.of(
                            java.net.URI.create(
                                    base(host.support().orElseThrow().address().getPort())),
                            java.time.Duration.ofSeconds(10)));
            assertEquals(java.util.Optional.empty(), store.load(release));
            var sealed =
                    new dev.provably.nautilus.enclave.identity.SealedIdentity(release, new byte[] {1, 2}, new byte[32]);
            store.save(sealed);
            assertEquals(java.util.Optional.of(sealed), store.load(release));
            assertTrue(
                    ssm.parameters.containsKey("/nautilus/demo-prod/identity/" + release),
                    ssm.parameters.keySet().toString());
        }
    }
}
