package dev.provably.nautilus.enclave;

import dev.provably.nautilus.enclave.attest.AttestationSource;
import dev.provably.nautilus.enclave.identity.FileIdentityStore;
import dev.provably.nautilus.enclave.identity.IdentityException;
import dev.provably.nautilus.enclave.identity.IdentityLoader;
import dev.provably.nautilus.enclave.identity.IdentityStore;
import dev.provably.nautilus.enclave.identity.KmsClients;
import dev.provably.nautilus.enclave.identity.KmsSealer;
import dev.provably.nautilus.enclave.parent.ParentCredentialsProvider;
import dev.provably.nautilus.enclave.parent.ParentEndpoint;
import dev.provably.nautilus.enclave.parent.ParentIdentityStore;
import dev.provably.nautilus.enclave.signing.EnclaveKey;
import dev.provably.nautilus.gate.BackendConfig;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * How {@code serve} gets its Ed25519 key: ephemeral (no {@code --kms-key-id}: a new key every start,
 * as before), or the release's sealed identity through KMS.
 * <ul>
 * <li>Inside a Nitro enclave: {@code --kms-key-id ARN --kms-region R --parent-url URL}. KMS is reached
 *     by its real name, {@code kms.R.amazonaws.com}, which the image maps to the in-enclave TCP to
 *     vsock forwarder, so TLS verifies KMS's own certificate against the image's roots and the parent
 *     only carries bytes. {@code URL} is the in-enclave end of the bridge to the parent's support
 *     endpoint: the instance role's credentials and the store of sealed records (no disk of the
 *     enclave outlives it). {@code --kms-endpoint} and {@code --identity-dir} are refused there: the
 *     first would let the command line aim TLS at another name, the second would keep the record
 *     in memory that dies with the enclave.</li>
 * <li>With {@code --local}: {@code --kms-key-id ID} and {@code --identity-dir DIR} or
 *     {@code --parent-url URL} (the store; with both, DIR), {@code --kms-endpoint} for the stand-in,
 *     credentials from {@code --parent-url} if given, else fixed ones (the stand-in checks no signature).</li>
 * </ul>
 */
record SealedIdentitySetup(
        Optional<String> keyId,
        Optional<URI> endpoint,
        Region region,
        Optional<Path> directory,
        Optional<URI> parent,
        boolean sealNewIfNone) {
    /** A key ARN pins the account and region; group 1 is the region. */
    private static final Pattern KEY_ARN =
            Pattern.compile("arn:aws(?:-[a-z]+)*:kms:([a-z0-9-]+):[0-9]{12}:key/[A-Za-z0-9-]{1,64}");

    /** {@code serve}'s options for the sealed identity, as picocli reads them. */
    static final class Options {
        @Option(
                names = "--kms-key-id",
                paramLabel = "ID",
                description = "seal the identity with this KMS key (inside an enclave a key ARN); without it the key is"
                        + " ephemeral")
        String keyId;

        @Option(
                names = "--kms-region",
                paramLabel = "R",
                description = "the KMS region, reached as kms.R.amazonaws.com (required inside an enclave)")
        String region;

        @Option(
                names = "--parent-url",
                paramLabel = "URL",
                description =
                        "the parent's support endpoint (credentials and identity store), http://<loopback IP>:<port>")
        String parentUrl;

        @Option(
                names = "--seal-new-if-none",
                description = "seal a new identity when the store holds none for this release (first start only)")
        boolean sealNewIfNone;

        @Option(
                names = "--kms-endpoint",
                paramLabel = "URL",
                description = "with --local: the KMS endpoint (e.g. the kms-local stand-in)")
        String kmsEndpoint;

        @Option(
                names = "--identity-dir",
                paramLabel = "DIR",
                description = "with --local: keep the sealed record in DIR instead of the parent's store")
        String identityDir;
    }

    static SealedIdentitySetup parse(Options options, boolean local) throws UsageException {
        Optional<String> keyId = Optional.ofNullable(options.keyId);
        boolean anyKmsOption = keyId.isPresent()
                || options.kmsEndpoint != null
                || options.identityDir != null
                || options.region != null
                || options.parentUrl != null
                || options.sealNewIfNone;
        if (!anyKmsOption) {
            return new SealedIdentitySetup(
                    Optional.empty(), Optional.empty(), Region.US_EAST_1, Optional.empty(), Optional.empty(), false);
        }
        if (keyId.isEmpty()) {
            throw new UsageException("a sealed identity needs --kms-key-id (the KMS options mean nothing without it)");
        }
        Optional<String> regionName = Optional.ofNullable(options.region);
        if (regionName.isPresent() && !BackendConfig.isAwsRegion(regionName.get())) {
            throw new UsageException("--kms-region must be an AWS region such as eu-west-1, got " + regionName.get());
        }
        Optional<URI> parent = parentUrl(options);
        Optional<Path> directory = Optional.ofNullable(options.identityDir).map(Path::of);
        if (local) {
            if (directory.isEmpty() && parent.isEmpty()) {
                throw new UsageException("a sealed identity needs a store: --identity-dir DIR or --parent-url URL");
            }
            Optional<URI> endpoint;
            try {
                endpoint = Optional.ofNullable(options.kmsEndpoint).map(URI::create);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--kms-endpoint must be a URL: " + e.getMessage());
            }
            return new SealedIdentitySetup(
                    keyId,
                    endpoint,
                    Region.of(regionName.orElse("us-east-1")),
                    directory,
                    parent,
                    options.sealNewIfNone);
        }
        if (regionName.isEmpty() || parent.isEmpty()) {
            throw new UsageException("a sealed identity inside a Nitro enclave needs --kms-region (KMS is reached as"
                    + " kms.<region>.amazonaws.com) and --parent-url (the parent's credentials and identity store)");
        }
        Matcher arn = KEY_ARN.matcher(keyId.get());
        if (!arn.matches()) {
            throw new UsageException(
                    "inside a Nitro enclave --kms-key-id must be a key ARN (arn:aws:kms:<region>:<account>:"
                            + "key/<id>): an alias or bare key id would resolve in whatever account the parent's credentials"
                            + " belong to, so a parent with its own key could have the seed sealed under it");
        }
        if (!arn.group(1).equals(regionName.get())) {
            throw new UsageException("the key ARN is in " + arn.group(1) + " but --kms-region is " + regionName.get());
        }
        if (Optional.ofNullable(options.kmsEndpoint).isPresent()) {
            throw new UsageException(
                    "--kms-endpoint applies only with --local: inside a Nitro enclave KMS is reached by"
                            + " its real name, so TLS verifies kms.<region>.amazonaws.com");
        }
        if (directory.isPresent()) {
            throw new UsageException("--identity-dir applies only with --local: no disk of an enclave outlives it, so"
                    + " the parent stores the sealed record (--parent-url)");
        }
        return new SealedIdentitySetup(
                keyId, Optional.empty(), Region.of(regionName.get()), Optional.empty(), parent, options.sealNewIfNone);
    }

    private static Optional<URI> parentUrl(Options options) throws UsageException {
        Optional<String> value = Optional.ofNullable(options.parentUrl);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ParentEndpoint.of(URI.create(value.get()), ParentEndpoint.DEFAULT_DEADLINE)
                    .base());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--parent-url: " + e.getMessage());
        }
    }

    /** The key to sign with; prints one line saying where it came from. */
    EnclaveKey key(AttestationSource source, String release, PrintStream out) throws Exception {
        if (keyId.isEmpty()) {
            out.println("identity: ephemeral (no --kms-key-id): a new key for this process only");
            return EnclaveKey.fromSeed(source.random(EnclaveKey.SEED_LENGTH));
        }
        Optional<ParentEndpoint> parentEndpoint =
                parent.map(url -> ParentEndpoint.of(url, ParentEndpoint.DEFAULT_DEADLINE));
        // Without a parent only local mode gets here (see parse): the stand-in checks no signature.
        AwsCredentialsProvider credentials = parentEndpoint
                .<AwsCredentialsProvider>map(p -> new ParentCredentialsProvider(p, Clock.systemUTC()))
                .orElse(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        IdentityStore store = directory
                .<IdentityStore>map(FileIdentityStore::new)
                .orElseGet(() -> new ParentIdentityStore(parentEndpoint.orElseThrow()));
        KmsClients.Settings settings = KmsClients.Settings.defaults(region, endpoint, credentials);
        long started = System.nanoTime();
        try (KmsClient kms = KmsClients.create(settings)) {
            IdentityLoader loader = new IdentityLoader(
                    source, new KmsSealer(kms, keyId.get()), store, sealNewIfNone, new SecureRandom());
            IdentityLoader.Loaded loaded = loader.load(release);
            String publicKey = HexFormat.of().formatHex(loaded.key().publicKey());
            long millis = (System.nanoTime() - started) / 1_000_000;
            out.println(
                    loaded.outcome() == IdentityLoader.Outcome.SEALED
                            ? "identity: sealed a new identity with KMS for release " + release.substring(0, 16)
                                    + "... (public key " + publicKey + ", stored in " + store.describe() + ", " + millis
                                    + " ms)"
                            : "identity: unsealed the release's identity with KMS Decrypt+Recipient (public key "
                                    + publicKey + ", " + millis + " ms)");
            return loaded.key();
        } catch (IdentityException e) {
            out.println("identity: FAILED: " + e.getMessage());
            out.flush();
            throw e;
        }
    }
}
