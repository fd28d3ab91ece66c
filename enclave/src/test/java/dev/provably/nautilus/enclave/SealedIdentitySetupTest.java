package dev.provably.nautilus.enclave;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provably.nautilus.enclave.host.DirectoryRecordStore;
import dev.provably.nautilus.enclave.host.EnclaveSupportServer;
import dev.provably.nautilus.enclave.host.FakeImds;
import dev.provably.nautilus.enclave.identity.IdentityException;
import dev.provably.nautilus.enclave.local.LocalKms;
import dev.provably.nautilus.enclave.local.LocalKmsFixture;
import dev.provably.nautilus.enclave.signing.EnclaveKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;

/** serve's sealed-identity options: what each mode requires and refuses, and the whole path in one JVM. */
class SealedIdentitySetupTest {
    private static final String PARENT = "http://127.0.0.1:8001";

    private static SealedIdentitySetup parse(boolean local, String... args) throws UsageException {
        return SealedIdentitySetup.parse(CommandLine.populateCommand(new SealedIdentitySetup.Options(), args), local);
    }

    private static String refusal(boolean local, String... args) {
        return assertThrows(UsageException.class, () -> parse(local, args), String.join(" ", args))
                .getMessage();
    }

    @Test
    @DisplayName(
            "inside a Nitro enclave: --kms-key-id, --kms-region and --parent-url give the real KMS name and the parent")
    void enclaveMode() throws Exception {
        SealedIdentitySetup setup = parse(
                false,
                "--kms-key-id",
                "arn:aws:kms:eu-west-1:123456789012:key/k",
                "--kms-region",
                "eu-west-1",
                "--parent-url",
                PARENT,
                "--seal-new-if-none");
        assertEquals(Optional.empty(), setup.endpoint(), "the SDK resolves kms.eu-west-1.amazonaws.com itself");
        assertEquals("eu-west-1", setup.region().id());
        assertEquals(Optional.of(URI.create(PARENT)), setup.parent());
        assertEquals(Optional.empty(), setup.directory());
        assertTrue(setup.sealNewIfNone());
    }

    @Test
    @DisplayName("inside a Nitro enclave: what is refused, and why")
    void enclaveRefusals() {
        String key = "arn:aws:kms:eu-west-1:123456789012:key/k";
        assertTrue(refusal(false, "--kms-key-id", key, "--parent-url", PARENT).contains("needs --kms-region"));
        assertTrue(
                refusal(false, "--kms-key-id", key, "--kms-region", "eu-west-1").contains("--parent-url"));
        assertTrue(refusal(
                        false,
                        "--kms-key-id",
                        key,
                        "--kms-region",
                        "eu-west-1",
                        "--parent-url",
                        PARENT,
                        "--kms-endpoint",
                        "https://kms.example")
                .contains("TLS verifies kms.<region>.amazonaws.com"));
        assertTrue(refusal(
                        false,
                        "--kms-key-id",
                        key,
                        "--kms-region",
                        "eu-west-1",
                        "--parent-url",
                        PARENT,
                        "--identity-dir",
                        "/tmp/x")
                .contains("no disk of an enclave outlives it"));
        assertTrue(refusal(
                        false,
                        "--kms-key-id",
                        key,
                        "--kms-region",
                        "eu-west-1",
                        "--parent-url",
                        "http://parent.example:8001")
                .contains("loopback"));
        assertTrue(refusal(
                        false,
                        "--kms-key-id",
                        key,
                        "--kms-region",
                        "eu-west-1",
                        "--parent-url",
                        "https://127.0.0.1:8001")
                .contains("http://<loopback IP>:<port>"));
        assertTrue(refusal(false, "--kms-key-id", key, "--kms-region", "kms.evil.example/x", "--parent-url", PARENT)
                .contains("must be an AWS region"));
        assertTrue(refusal(false, "--kms-region", "eu-west-1", "--parent-url", PARENT)
                .contains("needs --kms-key-id"));
        assertTrue(
                refusal(false, "--kms-key-id", "alias/nautilus", "--kms-region", "eu-west-1", "--parent-url", PARENT)
                        .contains("must be a key ARN"),
                "an alias resolves in the account of whoever supplies the credentials");
        assertTrue(refusal(
                        false,
                        "--kms-key-id",
                        "1234abcd-12ab-34cd-56ef-1234567890ab",
                        "--kms-region",
                        "eu-west-1",
                        "--parent-url",
                        PARENT)
                .contains("must be a key ARN"));
        assertTrue(refusal(
                        false,
                        "--kms-key-id",
                        "arn:aws:kms:us-east-1:123456789012:key/k",
                        "--kms-region",
                        "eu-west-1",
                        "--parent-url",
                        PARENT)
                .contains("the key ARN is in us-east-1 but --kms-region is eu-west-1"));
    }

    @Test
    @DisplayName(
            "with --local: a store (--identity-dir or --parent-url) is required; no KMS option means an ephemeral key")
    void localMode() throws Exception {
        assertTrue(refusal(true, "--kms-key-id", "k").contains("needs a store"));
        assertTrue(refusal(true, "--kms-key-id", "k", "--identity-dir", "d", "--kms-endpoint", "http://[bad")
                .contains("--kms-endpoint must be a URL"));
        SealedIdentitySetup local =
                parse(true, "--kms-key-id", "k", "--kms-endpoint", "http://127.0.0.1:4000", "--identity-dir", "d");
        assertEquals("us-east-1", local.region().id());
        assertEquals(Optional.of(Path.of("d")), local.directory());
        assertEquals(Optional.empty(), parse(true).keyId());
        assertEquals(Optional.empty(), parse(false).keyId());
    }

    @Test
    @DisplayName("end to end in one JVM: IMDSv2 -> the host's support endpoint -> the enclave's credentials and store"
            + " -> KMS (the stand-in): sealed once, the same key after a restart, the record on the parent's disk")
    void wholePath(@TempDir Path directory) throws Exception {
        try (LocalKmsFixture kms = new LocalKmsFixture(directory, Clock.systemUTC());
                FakeImds imds = new FakeImds(Instant.now().plus(6, ChronoUnit.HOURS));
                EnclaveSupportServer parent = EnclaveSupportServer.start(
                        0,
                        InstanceProfileCredentialsProvider.builder()
                                .endpoint(imds.endpoint())
                                .asyncCredentialUpdateEnabled(false)
                                .build(),
                        Optional.of(new DirectoryRecordStore(directory.resolve("parent-disk"))))) {
            kms.startKms(directory.resolve("kms"), kms.releasePcrs(), Clock.systemUTC());
            String release = HexFormat.of().formatHex(kms.pcr(0));
            List<String> args = new ArrayList<>(Arrays.asList(
                    "--kms-key-id",
                    LocalKms.KEY_ID,
                    "--kms-endpoint",
                    kms.endpoint().toString(),
                    "--parent-url",
                    "http://127.0.0.1:" + parent.address().getPort()));
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

            IdentityException refused =
                    assertThrows(IdentityException.class, () -> parse(true, args.toArray(String[]::new))
                            .key(kms.enclaveSource(), release, out));
            assertTrue(refused.getMessage().contains("refusing to mint"), refused.getMessage());

            List<String> first = new ArrayList<>(args);
            first.add("--seal-new-if-none");
            EnclaveKey sealed = parse(true, first.toArray(String[]::new)).key(kms.enclaveSource(), release, out);
            EnclaveKey restarted = parse(true, args.toArray(String[]::new)).key(kms.enclaveSource(), release, out);
            assertArrayEquals(sealed.publicKey(), restarted.publicKey());

            String lines = log.toString(StandardCharsets.UTF_8);
            assertTrue(
                    lines.contains("identity: sealed a new identity with KMS") && lines.contains("the parent's store"),
                    lines);
            assertTrue(lines.contains("identity: unsealed the release's identity with KMS Decrypt+Recipient"), lines);
            assertTrue(Files.exists(directory.resolve("parent-disk").resolve("identity-" + release + ".json")));
            assertTrue(
                    imds.requests()
                            .contains("GET /latest/meta-data/iam/security-credentials/" + FakeImds.ROLE + " token"),
                    "the KMS calls were signed with the role's credentials from IMDS: " + imds.requests());
        }
    }
}
