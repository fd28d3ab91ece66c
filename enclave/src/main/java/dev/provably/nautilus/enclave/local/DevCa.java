package dev.provably.nautilus.enclave.local;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The local development CA: a P-384 root and three intermediates (regional, zonal, instance) with
 * the AWS profile, cached with their keys in a state directory (owner-only permissions) so that a
 * root exported once with {@code --dev-root-out} stays valid across restarts. Intermediates are
 * re-issued under the same root when they would expire before a new leaf does. Thread-safe; a
 * file lock guards the directory against a second process starting at the same moment.
 */
public final class DevCa {
    /** Renew an intermediate when less than a leaf lifetime plus this margin is left. */
    private static final Duration RENEWAL_MARGIN = Duration.ofHours(1);
    private static final List<CertificateProfile> INTERMEDIATES =
            List.of(CertificateProfile.REGIONAL, CertificateProfile.ZONAL, CertificateProfile.INSTANCE);
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    /** An immutable snapshot: the four CA certificates (root first) and the instance CA's key. */
    private record Chain(List<X509Certificate> certificates, List<PrivateKey> keys) {
        X509Certificate root() {
            return certificates.get(0);
        }

        X509Certificate instance() {
            return certificates.get(certificates.size() - 1);
        }

        PrivateKey instanceKey() {
            return keys.get(keys.size() - 1);
        }
    }

    /** A freshly issued leaf: its certificate and key, and the CA bundle it chains to (root first). */
    public record IssuedLeaf(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> caBundle) {
        public IssuedLeaf {
            caBundle = List.copyOf(caBundle);
        }
    }

    private final Path directory;
    private final Clock clock;
    private final SecureRandom random;
    /**
     * BouncyCastle for this CA's P-384 key generation and signatures: about four times faster than
     * the JDK's SunEC here. Used as an instance, never installed as a global provider.
     */
    private final Provider provider;
    private volatile Chain chain;

    private DevCa(Path directory, Clock clock, SecureRandom random, Provider provider, Chain chain) {
        this.directory = directory;
        this.clock = clock;
        this.random = random;
        this.provider = provider;
        this.chain = chain;
    }

    /** Loads the CA from {@code directory}, creating it (or renewing its intermediates) as needed. */
    public static DevCa loadOrCreate(Path directory, Clock clock) throws IOException, GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        Provider provider = new BouncyCastleProvider();
        createPrivateDirectory(directory);
        Chain chain = locked(directory, () -> load(directory, clock.instant(), random, provider));
        return new DevCa(directory, clock, random, provider, chain);
    }

    /** The provider that made this CA's keys; it also signs documents with them. */
    Provider provider() {
        return provider;
    }

    public X509Certificate root() {
        return chain.root();
    }

    public String rootPem() throws GeneralSecurityException {
        return Pem.encode("CERTIFICATE", chain.root().getEncoded());
    }

    /** The four CA certificates, root first, as they go into a document's {@code cabundle}. */
    public List<X509Certificate> caBundle() {
        return chain.certificates();
    }

    /** Issues a new P-384 leaf (about 3 h) under the instance CA, renewing intermediates first if due. */
    public IssuedLeaf issueLeaf(String commonName) throws GeneralSecurityException, IOException {
        Instant now = clock.instant();
        Chain current = freshChain(now);
        KeyPair leafKey = CertificateProfile.newKeyPair(random, provider);
        X509Certificate leaf = CertificateProfile.LEAF.issue(CertificateProfile.LEAF.subject(commonName),
                leafKey.getPublic(), now, current.instance(), current.instanceKey(), random, provider);
        return new IssuedLeaf(leaf, leafKey.getPrivate(), current.certificates());
    }

    private Chain freshChain(Instant now) throws GeneralSecurityException, IOException {
        Chain current = chain;
        if (!needsRenewal(current, now)) {
            return current;
        }
        synchronized (this) {
            if (needsRenewal(chain, now)) {
                chain = locked(directory, () -> load(directory, now, random, provider));
            }
            return chain;
        }
    }

    private static boolean needsRenewal(Chain chain, Instant now) {
        return firstExpiring(chain.certificates(), now) < chain.certificates().size();
    }

    /** Index of the first certificate that would not outlive a new leaf, or the chain size if none. */
    private static int firstExpiring(List<X509Certificate> certificates, Instant now) {
        Instant needed = now.plus(CertificateProfile.LEAF.lifetime()).plus(RENEWAL_MARGIN);
        for (int i = 0; i < certificates.size(); i++) {
            if (certificates.get(i).getNotAfter().toInstant().isBefore(needed)) {
                return i;
            }
        }
        return certificates.size();
    }

    private static Chain load(Path directory, Instant now, SecureRandom random, Provider provider)
            throws IOException, GeneralSecurityException {
        List<X509Certificate> certificates = new ArrayList<>();
        List<PrivateKey> keys = new ArrayList<>();
        Path rootCert = directory.resolve("root.pem");
        Path rootKey = directory.resolve("root.key");
        if (Files.exists(rootCert) != Files.exists(rootKey)) {
            throw new GeneralSecurityException("development CA in " + directory
                    + " has only one of root.pem and root.key; remove the directory to start a new CA");
        }
        if (!Files.exists(rootCert)) {
            KeyPair pair = CertificateProfile.newKeyPair(random, provider);
            X509Certificate root = CertificateProfile.ROOT.issue(
                    CertificateProfile.ROOT.subject("nautilus-dev-root." + suffix(random) + ".local"),
                    pair.getPublic(), now, null, pair.getPrivate(), random, provider);
            save(directory, "root", root, pair.getPrivate());
        }
        certificates.add(readCertificate(rootCert));
        keys.add(readKey(rootKey));
        requireKeyMatches(certificates.get(0), keys.get(0), "root");
        if (firstExpiring(certificates, now) == 0) {
            throw new GeneralSecurityException("development CA root in " + directory + " expires "
                    + certificates.get(0).getNotAfter().toInstant() + "; remove the directory to start a new CA");
        }

        boolean reissue = false;
        for (CertificateProfile profile : INTERMEDIATES) {
            String name = profile.name().toLowerCase(java.util.Locale.ROOT);
            X509Certificate issuer = certificates.get(certificates.size() - 1);
            PrivateKey issuerKey = keys.get(keys.size() - 1);
            if (!reissue) {
                reissue = !usable(directory, name, issuer, now);
            }
            if (reissue) {
                KeyPair pair = CertificateProfile.newKeyPair(random, provider);
                X509Certificate certificate = profile.issue(profile.subject(label(profile, random)),
                        pair.getPublic(), now, issuer, issuerKey, random, provider);
                save(directory, name, certificate, pair.getPrivate());
            }
            certificates.add(readCertificate(directory.resolve(name + ".pem")));
            keys.add(readKey(directory.resolve(name + ".key")));
        }
        return new Chain(List.copyOf(certificates), List.copyOf(keys));
    }

    /** Whether the cached certificate exists, chains to {@code issuer}, matches its key and is not expiring. */
    private static boolean usable(Path directory, String name, X509Certificate issuer, Instant now) {
        try {
            X509Certificate certificate = readCertificate(directory.resolve(name + ".pem"));
            PrivateKey key = readKey(directory.resolve(name + ".key"));
            certificate.verify(issuer.getPublicKey());
            requireKeyMatches(certificate, key, name);
            return firstExpiring(List.of(certificate), now) == 1;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static String label(CertificateProfile profile, SecureRandom random) {
        switch (profile) {
            case REGIONAL:
                return suffix(random) + ".local-region.dev.nitro-enclaves";
            case ZONAL:
                return suffix(random) + ".zonal.local-region.dev.nitro-enclaves";
            default:
                return "i-" + suffix(random) + ".local-region.dev.nitro-enclaves";
        }
    }

    private static String suffix(SecureRandom random) {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void requireKeyMatches(X509Certificate certificate, PrivateKey key, String name)
            throws GeneralSecurityException {
        byte[] probe = "nautilus-dev-ca-key-check".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(CertificateProfile.SIGNATURE_ALGORITHM);
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(CertificateProfile.SIGNATURE_ALGORITHM);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(probe);
        if (!verifier.verify(signature)) {
            throw new GeneralSecurityException("development CA " + name + " key does not match its certificate");
        }
    }

    private static X509Certificate readCertificate(Path file) throws IOException, GeneralSecurityException {
        List<byte[]> blocks = Pem.decode(Files.readString(file, StandardCharsets.US_ASCII), "CERTIFICATE");
        if (blocks.size() != 1) {
            throw new GeneralSecurityException(file + " must hold exactly one certificate");
        }
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(blocks.get(0)));
    }

    private static PrivateKey readKey(Path file) throws IOException, GeneralSecurityException {
        List<byte[]> blocks = Pem.decode(Files.readString(file, StandardCharsets.US_ASCII), "PRIVATE KEY");
        if (blocks.size() != 1) {
            throw new GeneralSecurityException(file + " must hold exactly one PKCS#8 private key");
        }
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(blocks.get(0)));
    }

    private static void save(Path directory, String name, X509Certificate certificate, PrivateKey key)
            throws IOException, GeneralSecurityException {
        // Key first: a certificate is never on disk without the key that goes with it.
        writePrivate(directory.resolve(name + ".key"), Pem.encode("PRIVATE KEY", key.getEncoded()));
        writePrivate(directory.resolve(name + ".pem"), Pem.encode("CERTIFICATE", certificate.getEncoded()));
    }

    /** Writes through a temporary owner-only file and an atomic rename, so no reader sees half a file. */
    private static void writePrivate(Path file, String text) throws IOException {
        Path temporary = posix()
                ? Files.createTempFile(file.getParent(), ".tmp-", ".part", PosixFilePermissions.asFileAttribute(OWNER_FILE))
                : Files.createTempFile(file.getParent(), ".tmp-", ".part");
        try {
            Files.writeString(temporary, text, StandardCharsets.US_ASCII);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Work on the CA files under the directory's file lock. */
    private interface LockedWork {
        Chain run() throws IOException, GeneralSecurityException;
    }

    private static Chain locked(Path directory, LockedWork work) throws IOException, GeneralSecurityException {
        try (FileChannel lockFile = openLockFile(directory)) {
            FileLock lock = lockFile.lock();
            try {
                return work.run();
            } finally {
                lock.release();
            }
        }
    }

    /** The lock file that serialises CA creation and renewal across processes. */
    private static FileChannel openLockFile(Path directory) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        return posix()
                ? FileChannel.open(directory.resolve(".lock"), options, PosixFilePermissions.asFileAttribute(OWNER_FILE))
                : FileChannel.open(directory.resolve(".lock"), options);
    }

    private static void createPrivateDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            if (posix()) {
                Files.setPosixFilePermissions(directory, OWNER_DIR);
            }
            return;
        }
        FileAttribute<?>[] attributes = posix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_DIR)}
                : new FileAttribute<?>[0];
        Files.createDirectories(directory, attributes);
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
