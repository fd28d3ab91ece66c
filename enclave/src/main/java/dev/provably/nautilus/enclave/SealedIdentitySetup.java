package dev.provably.nautilus.enclave;

import dev.provably.nautilus.enclave.attest.AttestationSource;
import dev.provably.nautilus.enclave.identity.FileIdentityStore;
import dev.provably.nautilus.enclave.identity.IdentityException;
import dev.provably.nautilus.enclave.identity.IdentityLoader;
import dev.provably.nautilus.enclave.identity.KmsClients;
import dev.provably.nautilus.enclave.identity.KmsSealer;
import dev.provably.nautilus.enclave.signing.EnclaveKey;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * How {@code serve} gets its Ed25519 key: ephemeral (no {@code --kms-key-id}: a new key every start,
 * as before), or the release's sealed identity through KMS ({@code --kms-key-id}, {@code --kms-endpoint},
 * {@code --identity-dir}). Only local mode can use KMS so far: inside a real enclave the credentials
 * would come from the parent over vsock, which is not built yet, so that combination is refused.
 */
record SealedIdentitySetup(Optional<String> keyId, Optional<URI> endpoint, Region region, Optional<Path> directory,
                           boolean sealNewIfNone) {

    static SealedIdentitySetup parse(Options options, boolean local) throws UsageException {
        Optional<String> keyId = options.value("--kms-key-id");
        boolean anyKmsOption = keyId.isPresent() || options.value("--kms-endpoint").isPresent()
                || options.value("--identity-dir").isPresent() || options.value("--kms-region").isPresent()
                || options.flag("--seal-new-if-none");
        if (!anyKmsOption) {
            return new SealedIdentitySetup(Optional.empty(), Optional.empty(), Region.US_EAST_1, Optional.empty(), false);
        }
        if (keyId.isEmpty() || options.value("--identity-dir").isEmpty()) {
            throw new UsageException("a sealed identity needs --kms-key-id and --identity-dir");
        }
        if (!local) {
            throw new UsageException("a KMS-sealed identity inside a Nitro enclave needs credentials from the parent"
                    + " over vsock, which this build does not have yet; use it with --local");
        }
        Optional<URI> endpoint;
        try {
            endpoint = options.value("--kms-endpoint").map(URI::create);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--kms-endpoint must be a URL: " + e.getMessage());
        }
        return new SealedIdentitySetup(keyId, endpoint, Region.of(options.value("--kms-region").orElse("us-east-1")),
                options.value("--identity-dir").map(Path::of), options.flag("--seal-new-if-none"));
    }

    /** The key to sign with; prints one line saying where it came from. */
    EnclaveKey key(AttestationSource source, String release, PrintStream out) throws Exception {
        if (keyId.isEmpty()) {
            out.println("identity: ephemeral (no --kms-key-id): a new key for this process only");
            return EnclaveKey.fromSeed(source.random(EnclaveKey.SEED_LENGTH));
        }
        // Local mode only (see parse): the stand-in checks no signature, so fixed credentials do.
        KmsClients.Settings settings = KmsClients.Settings.defaults(region, endpoint,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        long started = System.nanoTime();
        try (KmsClient kms = KmsClients.create(settings)) {
            IdentityLoader loader = new IdentityLoader(source, new KmsSealer(kms, keyId.get()),
                    new FileIdentityStore(directory.get()), sealNewIfNone, new SecureRandom());
            IdentityLoader.Loaded loaded = loader.load(release);
            String publicKey = HexFormat.of().formatHex(loaded.key().publicKey());
            long millis = (System.nanoTime() - started) / 1_000_000;
            out.println(loaded.outcome() == IdentityLoader.Outcome.SEALED
                    ? "identity: sealed a new identity with KMS for release " + release.substring(0, 16) + "... (public key "
                            + publicKey + ", stored in " + directory.get() + ", " + millis + " ms)"
                    : "identity: unsealed the release's identity with KMS Decrypt+Recipient (public key " + publicKey + ", " + millis + " ms)");
            return loaded.key();
        } catch (IdentityException e) {
            out.println("identity: FAILED: " + e.getMessage());
            out.flush();
            throw e;
        }
    }
}
