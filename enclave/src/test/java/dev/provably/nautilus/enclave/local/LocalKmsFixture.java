package dev.provably.nautilus.enclave.local;

import dev.provably.nautilus.enclave.attest.AttestationException;
import dev.provably.nautilus.enclave.attest.AttestationSource;
import dev.provably.nautilus.enclave.identity.KmsClients;
import dev.provably.nautilus.issuer.DevCa;
import dev.provably.nautilus.issuer.NitroDocument;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * A development CA, the enclave's local attestation source, and a local KMS stand-in whose key
 * policy is given per test; plus documents with chosen PCRs and public keys (debug, other releases).
 */
public final class LocalKmsFixture implements AutoCloseable {
    private final DevCa ca;
    private final Path root;
    private final LocalMeasurements measurements;
    private final Clock clock;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private LocalKms kms;
    private KmsClient client;

    public LocalKmsFixture(Path directory, Clock clock) throws IOException, GeneralSecurityException {
        this.clock = clock;
        this.ca = DevCa.loadOrCreate(directory.resolve("ca"), clock);
        this.root = directory.resolve("root.pem");
        Files.writeString(root, ca.rootPem(), StandardCharsets.US_ASCII);
        this.measurements = LocalMeasurements.ofRunningArtifact();
    }

    /** The enclave's own source: documents with this build's PCRs. */
    public AttestationSource enclaveSource() {
        return new LocalAttestationSource(ca, measurements, clock);
    }

    public byte[] pcr(int index) {
        return measurements.pcr(index);
    }

    /** This build's PCR0..2: the policy of "the release". */
    public Map<Integer, byte[]> releasePcrs() {
        return Map.of(0, pcr(0), 1, pcr(1), 2, pcr(2));
    }

    /** Starts the stand-in (state in {@code stateDir}) with a policy of {@code pcrs}, checked at {@code policyClock}. */
    public LocalKmsFixture startKms(Path stateDir, Map<Integer, byte[]> pcrs, Clock policyClock) throws IOException {
        kms = LocalKms.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                stateDir,
                new RecipientPolicy(root, pcrs, policyClock),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        client = KmsClients.create(new KmsClients.Settings(
                Region.US_EAST_1,
                Optional.of(endpoint()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")),
                2,
                Duration.ofMillis(10),
                Duration.ofMillis(50),
                Duration.ofSeconds(10),
                Duration.ofSeconds(30)));
        return this;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + kms.address().getPort());
    }

    public KmsClient client() {
        return client;
    }

    public String kmsLog() {
        return log.toString(StandardCharsets.UTF_8);
    }

    /** A document signed by the dev CA with these PCRs (all 16, missing ones zero) and public key. */
    public byte[] document(Map<Integer, byte[]> pcrs, byte[] publicKey) throws AttestationException {
        try {
            SortedMap<Integer, byte[]> all = new TreeMap<>();
            for (int i = 0; i < LocalMeasurements.PCR_COUNT; i++) {
                all.put(
                        i,
                        pcrs.getOrDefault(i, new byte[LocalMeasurements.PCR_LENGTH])
                                .clone());
            }
            return ca.issueDocument(new NitroDocument.Claims(
                    "i-forged0000000000-enc0000000000000000", clock.millis(), all, publicKey, null, null));
        } catch (GeneralSecurityException | IOException e) {
            throw new AttestationException("could not forge a test document", e);
        }
    }

    /** A source like the enclave's but reporting {@code pcrs} (another release, or a debug enclave). */
    public AttestationSource sourceWith(Map<Integer, byte[]> pcrs) {
        AttestationSource real = enclaveSource();
        return new AttestationSource() {
            @Override
            public byte[] attest(byte[] publicKey, byte[] userData, byte[] nonce) throws AttestationException {
                return document(pcrs, publicKey);
            }

            @Override
            public byte[] random(int length) throws AttestationException {
                return real.random(length);
            }

            @Override
            public String mode() {
                return "local";
            }
        };
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        if (kms != null) {
            kms.close();
        }
    }
}
