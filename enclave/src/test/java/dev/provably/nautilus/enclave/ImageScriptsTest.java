package dev.provably.nautilus.enclave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provably.nautilus.testing.RequiresCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image build cannot run here (no Docker engine, no nitro-cli): these tests check the scripts
 * with shellcheck and drive build-eif.sh with fake docker and nitro-cli commands.
 */
class ImageScriptsTest {
    private static final String PCR0 = "a".repeat(96);
    private static final String PCR1 = "b".repeat(96);
    private static final String PCR2 = "c".repeat(96);
    private static final String BUILD = "maven@sha256:" + "1".repeat(64);
    private static final String RUNTIME = "registry.example/nautilus-runtime-base@sha256:" + "2".repeat(64);

    record Run(int status, String output) {}

    private static Run run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("NAUTILUS_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "finished");
        return new Run(process.exitValue(), output);
    }

    private static Path executable(Path dir, String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/usr/bin/env bash\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    @Test
    @DisplayName("every shell script is shellcheck-clean")
    @RequiresCommand("shellcheck")
    void shellcheck() throws Exception {
        Run version = run(List.of("shellcheck", "--version"), Map.of());
        assertEquals(0, version.status(), version.output());
        List<String> command = new ArrayList<>(List.of("shellcheck", "--severity=style"));
        command.addAll(List.of(
                "scripts/build-eif.sh",
                "scripts/check-reproducible.sh",
                "scripts/vsock-proxy.sh",
                "docker/entrypoint.sh",
                "src/test/resources/dev/provably/nautilus/enclave/host/fake-nitro-cli.sh"));
        Run result = run(command, Map.of());
        assertEquals(0, result.status(), result.output());
    }

    @Test
    @DisplayName("vsock-proxy.sh bridges parent TCP 5000 to the enclave's vsock port 5000 at CID 16 by default")
    void vsockProxyDefaults() throws Exception {
        Run result = run(List.of("bash", "scripts/vsock-proxy.sh", "--dry-run"), Map.of());
        assertEquals(new Run(0, "socat TCP-LISTEN:5000,fork,reuseaddr VSOCK-CONNECT:16:5000\n"), result);
    }

    @Test
    @DisplayName("vsock-proxy.sh takes the CID, ports and listening address from its options")
    void vsockProxyOptions() throws Exception {
        Run result = run(
                List.of(
                        "bash",
                        "scripts/vsock-proxy.sh",
                        "--cid",
                        "21",
                        "--port",
                        "6000",
                        "--vsock-port",
                        "7000",
                        "--bind",
                        "10.0.1.5",
                        "--dry-run"),
                Map.of());
        assertEquals(new Run(0, "socat TCP-LISTEN:6000,fork,reuseaddr,bind=10.0.1.5 VSOCK-CONNECT:21:7000\n"), result);
    }

    @Test
    @DisplayName("vsock-proxy.sh refuses reserved CIDs, bad ports and unknown options with exit 2 and the reason")
    void vsockProxyRejectsBadValues() throws Exception {
        Map<List<String>, String> cases = Map.of(
                List.of("--cid", "3"), "--cid must be from 4 to 4294967294, got 3",
                List.of("--cid", "x"), "--cid must be a whole number, got 'x'",
                List.of("--port", "0"), "--port must be from 1 to 65535, got 0",
                List.of("--port", "65536"), "--port must be from 1 to 65535, got 65536",
                List.of("--bind", "localhost"), "--bind must be an IPv4 address, got 'localhost'",
                List.of("--port"), "--port needs a value",
                List.of("--verbose"), "unknown option '--verbose'");
        for (Map.Entry<List<String>, String> bad : cases.entrySet()) {
            List<String> command = new ArrayList<>(List.of("bash", "scripts/vsock-proxy.sh", "--dry-run"));
            command.addAll(bad.getKey());
            Run result = run(command, Map.of());
            assertEquals(2, result.status(), bad.getKey().toString());
            assertTrue(result.output().contains(bad.getValue()), bad.getKey() + ": " + result.output());
        }
    }

    @Test
    @DisplayName("build-eif.sh refuses to run without both base images pinned by digest")
    void refusesUnpinnedImages() throws Exception {
        Run none = run(List.of("bash", "scripts/build-eif.sh"), Map.of());
        assertEquals(2, none.status());
        assertTrue(none.output().contains("NAUTILUS_BUILD_IMAGE is required"), none.output());

        Run tag = run(
                List.of("bash", "scripts/build-eif.sh"),
                Map.of("NAUTILUS_BUILD_IMAGE", "maven:3.9-eclipse-temurin-17", "NAUTILUS_RUNTIME_IMAGE", RUNTIME));
        assertEquals(2, tag.status());
        assertTrue(tag.output().contains("must be pinned by digest"), tag.output());

        Run runtime = run(
                List.of("bash", "scripts/build-eif.sh"),
                Map.of("NAUTILUS_BUILD_IMAGE", BUILD, "NAUTILUS_RUNTIME_IMAGE", "base@sha256:abc"));
        assertEquals(2, runtime.status());
        assertTrue(runtime.output().contains("NAUTILUS_RUNTIME_IMAGE must be pinned"), runtime.output());
    }

    @Test
    @DisplayName("build-eif.sh passes the pins to docker and prints PCR0/1/2 from nitro-cli's JSON")
    @RequiresCommand("jq")
    void printsPcrs(@TempDir Path dir) throws Exception {
        Path dockerLog = dir.resolve("docker-args");
        Path docker = executable(dir, "docker", "printf '%s\\n' \"$@\" > '" + dockerLog + "'");
        Path nitroCli = executable(
                dir,
                "nitro-cli",
                String.join(
                        "\n",
                        "echo 'Start building the Enclave Image...'",
                        "echo '{'",
                        "echo '  \"Measurements\": {'",
                        "echo '    \"HashAlgorithm\": \"Sha384 { ... }\",'",
                        "echo '    \"PCR0\": \"" + PCR0 + "\",'",
                        "echo '    \"PCR1\": \"" + PCR1 + "\",'",
                        "echo '    \"PCR2\": \"" + PCR2 + "\"'",
                        "echo '  }'",
                        "echo '}'"));
        Run result = run(
                List.of("bash", "scripts/build-eif.sh"),
                Map.of(
                        "NAUTILUS_BUILD_IMAGE",
                        BUILD,
                        "NAUTILUS_RUNTIME_IMAGE",
                        RUNTIME,
                        "DOCKER",
                        docker.toString(),
                        "NITRO_CLI",
                        nitroCli.toString(),
                        "NAUTILUS_OUT",
                        dir.toString()));
        assertEquals(0, result.status(), result.output());
        assertTrue(
                result.output().contains("PCR0 " + PCR0 + "\nPCR1 " + PCR1 + "\nPCR2 " + PCR2 + "\n"), result.output());
        List<String> args = Files.readAllLines(dockerLog);
        assertTrue(args.contains("BUILD_IMAGE=" + BUILD), args.toString());
        assertTrue(args.contains("RUNTIME_IMAGE=" + RUNTIME), args.toString());
    }

    @Test
    @DisplayName("build-eif.sh fails when nitro-cli prints no usable measurements")
    @RequiresCommand("jq")
    void failsWithoutMeasurements(@TempDir Path dir) throws Exception {
        Path docker = executable(dir, "docker", "true");
        Path nitroCli = executable(dir, "nitro-cli", "echo '{\"Measurements\": {\"PCR0\": \"zz\"}}'");
        Run result = run(
                List.of("bash", "scripts/build-eif.sh"),
                Map.of(
                        "NAUTILUS_BUILD_IMAGE",
                        BUILD,
                        "NAUTILUS_RUNTIME_IMAGE",
                        RUNTIME,
                        "DOCKER",
                        docker.toString(),
                        "NITRO_CLI",
                        nitroCli.toString(),
                        "NAUTILUS_OUT",
                        dir.toString()));
        assertEquals(2, result.status(), result.output());
        assertTrue(result.output().contains("PCR0 is not 48 bytes of hex"), result.output());
    }

    @Test
    @DisplayName("the Dockerfile takes both base images as required digest-pinned arguments and runs the entrypoint")
    void dockerfilePins() throws Exception {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        assertTrue(
                dockerfile.contains("ARG BUILD_IMAGE\n") && dockerfile.contains("ARG RUNTIME_IMAGE\n"),
                "no default base image");
        assertTrue(
                dockerfile.contains("FROM ${BUILD_IMAGE} AS build") && dockerfile.contains("FROM ${RUNTIME_IMAGE}\n"));
        assertTrue(dockerfile.contains("ENTRYPOINT [\"/opt/nautilus/entrypoint.sh\"]"));
        String entrypoint = Files.readString(Path.of("docker/entrypoint.sh"));
        assertTrue(entrypoint.contains("socat \"VSOCK-LISTEN:${PORT},fork,reuseaddr\" \"TCP:127.0.0.1:${PORT}\""));
        assertTrue(entrypoint.contains("serve --port \"$PORT\""));
    }

    @Test
    @DisplayName(
            "with a key ARN baked in, the entrypoint maps KMS's name to the in-enclave forwarders and passes the KMS options")
    void entrypointOpensThePathToKms() throws Exception {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        assertTrue(
                dockerfile.contains("ARG NAUTILUS_KMS_KEY_ARN=\"\"\n")
                        && dockerfile.contains(
                                "ENV NAUTILUS_KMS_KEY_ARN=${NAUTILUS_KMS_KEY_ARN} NAUTILUS_SEAL_NEW_IF_NONE=${NAUTILUS_SEAL_NEW_IF_NONE}"));
        String entrypoint = Files.readString(Path.of("docker/entrypoint.sh"));
        for (String line : List.of(
                "echo \"127.0.0.1 kms.${region}.amazonaws.com\" >>/etc/hosts",
                "$RUN_AS socat \"TCP-LISTEN:443,bind=127.0.0.1,fork,reuseaddr\" \"VSOCK-CONNECT:3:8000\" &",
                "$RUN_AS socat \"TCP-LISTEN:8001,bind=127.0.0.1,fork,reuseaddr\" \"VSOCK-CONNECT:3:8001\" &",
                "set -- \"$@\" --kms-key-id \"$KMS_KEY_ARN\" --kms-region \"$region\" --parent-url http://127.0.0.1:8001",
                "-jar \"$JAR\" \"$@\"")) {
            assertTrue(entrypoint.contains(line), line);
        }
        assertTrue(entrypoint.indexOf(">>/etc/hosts") < entrypoint.indexOf("exec $RUN_AS java"));
    }

    @Test
    @DisplayName("build-eif.sh passes a KMS key ARN to the image build and refuses aliases and bad flags")
    @RequiresCommand("jq")
    void passesTheKmsKey(@TempDir Path dir) throws Exception {
        Path dockerLog = dir.resolve("docker-args");
        Path docker = executable(dir, "docker", "printf '%s\\n' \"$@\" > '" + dockerLog + "'");
        Path nitroCli = executable(
                dir,
                "nitro-cli",
                "echo '{\"Measurements\": {\"PCR0\": \"" + PCR0 + "\", \"PCR1\": \"" + PCR1 + "\", \"PCR2\": \"" + PCR2
                        + "\"}}'");
        String arn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "NAUTILUS_BUILD_IMAGE",
                BUILD,
                "NAUTILUS_RUNTIME_IMAGE",
                RUNTIME,
                "DOCKER",
                docker.toString(),
                "NITRO_CLI",
                nitroCli.toString(),
                "NAUTILUS_OUT",
                dir.toString(),
                "NAUTILUS_KMS_KEY_ARN",
                arn,
                "NAUTILUS_SEAL_NEW_IF_NONE",
                "true"));
        Run result = run(List.of("bash", "scripts/build-eif.sh"), env);
        assertEquals(0, result.status(), result.output());
        List<String> args = Files.readAllLines(dockerLog);
        assertTrue(args.contains("NAUTILUS_KMS_KEY_ARN=" + arn), args.toString());
        assertTrue(args.contains("NAUTILUS_SEAL_NEW_IF_NONE=true"), args.toString());

        env.put("NAUTILUS_KMS_KEY_ARN", "alias/nautilus");
        Run alias = run(List.of("bash", "scripts/build-eif.sh"), env);
        assertEquals(2, alias.status());
        assertTrue(alias.output().contains("must be a key ARN"), alias.output());
        env.put("NAUTILUS_KMS_KEY_ARN", arn);
        env.put("NAUTILUS_SEAL_NEW_IF_NONE", "yes");
        Run flag = run(List.of("bash", "scripts/build-eif.sh"), env);
        assertEquals(2, flag.status());
        assertTrue(flag.output().contains("must be true or false"), flag.output());
        env.remove("NAUTILUS_KMS_KEY_ARN");
        env.put("NAUTILUS_SEAL_NEW_IF_NONE", "true");
        Run alone = run(List.of("bash", "scripts/build-eif.sh"), env);
        assertEquals(2, alone.status());
        assertTrue(alone.output().contains("needs NAUTILUS_KMS_KEY_ARN"), alone.output());
    }
}
