package dev.provably.nautilus.issuer;

import dev.provably.nautilus.issuer.CertificateProfile.Level;
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
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The local development CA: a P-384 root and three intermediates (regional, zonal, instance) with
 * the AWS profile ({@link CertificateProfile#aws}), issuing a fresh leaf per document. Names say
 * plainly that it is a development CA, never AWS; a verifier trusts it only when given its root.
 *
 * <p>{@link #loadOrCreate} caches the chain with its keys in a state directory (owner-only
 * permissions) so that a root exported once stays valid across restarts; a file lock guards the
 * directory against a second process starting at the same moment. {@link #inMemory} keeps it in
 * memory only (tests, benchmarks). Either way intermediates are re-issued under the same root when
 * they would expire before a new leaf does. Thread-safe.
 */
public final class DevCa {
    /** Renew an intermediate when less than a leaf lifetime plus this margin is left. */
    private static final Duration RENEWAL_MARGIN = Duration.ofHours(1);

    private static final List<Level> INTERMEDIATES = List.of(Level.REGIONAL, Level.ZONAL, Level.INSTANCE);
    private static final String NOT_AWS = "Local development CA - not AWS";
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

    /**
     * A freshly issued leaf: its certificate and key, and the CA bundle it chains to (root first).
     *
     * @param certificate the leaf certificate
     * @param privateKey its P-384 key
     * @param caBundle the CA certificates, root first
     */
    public record IssuedLeaf(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> caBundle) {
        public IssuedLeaf {
            caBundle = List.copyOf(caBundle);
        }
    }

    /** The state directory, or null for a CA kept in memory only. */
    private final Path directory;

    private final Clock clock;
    private final SecureRandom random;
    private volatile Chain chain;

    private DevCa(Path directory, Clock clock, SecureRandom random, Chain chain) {
        this.directory = directory;
        this.clock = clock;
        this.random = random;
        this.chain = chain;
    }

    /**
     * Loads the CA from {@code directory}, creating it (or renewing its intermediates) as needed.
     *
     * @param directory the state directory (created owner-only if absent)
     * @param clock the time of every certificate this CA issues
     * @return the CA
     * @throws IOException when the directory cannot be read or written
     * @throws GeneralSecurityException when its files are inconsistent (one of root.pem and root.key,
     *     a key that does not match its certificate) or the root has expired
     */
    public static DevCa loadOrCreate(Path directory, Clock clock) throws IOException, GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        createPrivateDirectory(directory);
        Chain chain = locked(directory, () -> load(directory, clock.instant(), random));
        return new DevCa(directory, clock, random, chain);
    }

    /**
     * A new CA kept in memory only: its root is gone when the object is.
     *
     * @param clock the time of every certificate this CA issues
     * @return the CA
     * @throws GeneralSecurityException when key generation fails
     */
    public static DevCa inMemory(Clock clock) throws GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        return new DevCa(null, clock, random, generate(null, clock.instant(), random));
    }

    /** @return the self-signed root certificate */
    public X509Certificate root() {
        return chain.root();
    }

    /**
     * @return the root certificate as PEM text
     * @throws GeneralSecurityException when the certificate cannot be encoded
     */
    public String rootPem() throws GeneralSecurityException {
        return Pem.encode("CERTIFICATE", chain.root().getEncoded());
    }

    /** @return the four CA certificates, root first, as they go into a document's {@code cabundle} */
    public List<X509Certificate> caBundle() {
        return chain.certificates();
    }

    /**
     * Issues a new P-384 leaf (3 h from now) under the instance CA, renewing intermediates first if due.
     *
     * @param commonName the leaf's CN
     * @return the leaf with its key and CA bundle
     * @throws GeneralSecurityException when signing fails or the root has expired
     * @throws IOException when the state directory cannot be written
     */
    public IssuedLeaf issueLeaf(String commonName) throws GeneralSecurityException, IOException {
        Instant now = clock.instant();
        Chain current = freshChain(now);
        CertificateProfile profile = CertificateProfile.aws(Level.LEAF);
        KeyPair leafKey = profile.newKeyPair(random);
        X509Certificate leaf = profile.issue(
                subject(Level.LEAF, commonName),
                leafKey.getPublic(),
                issuerName(current.instance()),
                current.instance().getPublicKey(),
                current.instanceKey(),
                now,
                now.plus(Level.LEAF.lifetime()),
                random);
        return new IssuedLeaf(leaf, leafKey.getPrivate(), current.certificates());
    }

    /**
     * Issues a document binding {@code claims}, signed by a fresh leaf whose CN is the module id
     * followed by {@code .local-region.dev}.
     *
     * @param claims the payload fields other than the certificates
     * @return the COSE_Sign1 document bytes
     * @throws GeneralSecurityException when signing fails or the root has expired
     * @throws IOException when the state directory cannot be written
     */
    public byte[] issueDocument(NitroDocument.Claims claims) throws GeneralSecurityException, IOException {
        IssuedLeaf leaf = issueLeaf(claims.moduleId() + ".local-region.dev");
        List<byte[]> bundle = new ArrayList<>();
        for (X509Certificate certificate : leaf.caBundle()) {
            bundle.add(certificate.getEncoded());
        }
        byte[] payload = NitroDocument.payload(claims, leaf.certificate().getEncoded(), bundle);
        return NitroDocument.sign1(payload, leaf.privateKey());
    }

    private Chain freshChain(Instant now) throws GeneralSecurityException, IOException {
        Chain current = chain;
        if (!needsRenewal(current, now)) {
            return current;
        }
        synchronized (this) {
            if (needsRenewal(chain, now)) {
                Chain stale = chain;
                chain = directory == null
                        ? generate(stale, now, random)
                        : locked(directory, () -> load(directory, now, random));
            }
            return chain;
        }
    }

    private static boolean needsRenewal(Chain chain, Instant now) {
        return firstExpiring(chain.certificates(), now) < chain.certificates().size();
    }

    /** Index of the first certificate that would not outlive a new leaf, or the chain size if none. */
    private static int firstExpiring(List<X509Certificate> certificates, Instant now) {
        Instant needed = now.plus(Level.LEAF.lifetime()).plus(RENEWAL_MARGIN);
        for (int i = 0; i < certificates.size(); i++) {
            if (certificates.get(i).getNotAfter().toInstant().isBefore(needed)) {
                return i;
            }
        }
        return certificates.size();
    }

    /**
     * A chain in memory: {@code previous}'s root and the intermediates that are still usable, new
     * certificates from the first expiring one on (or a whole new chain when {@code previous} is null).
     */
    private static Chain generate(Chain previous, Instant now, SecureRandom random) throws GeneralSecurityException {
        List<X509Certificate> certificates = new ArrayList<>();
        List<PrivateKey> keys = new ArrayList<>();
        if (previous == null) {
            KeyPair pair = CertificateProfile.aws(Level.ROOT).newKeyPair(random);
            certificates.add(issueRoot(pair, now, random));
            keys.add(pair.getPrivate());
        } else {
            int keep = firstExpiring(previous.certificates(), now);
            if (keep == 0) {
                throw new GeneralSecurityException("development CA root expires "
                        + previous.root().getNotAfter().toInstant());
            }
            certificates.addAll(previous.certificates().subList(0, keep));
            keys.addAll(previous.keys().subList(0, keep));
        }
        while (certificates.size() < INTERMEDIATES.size() + 1) {
            Level level = INTERMEDIATES.get(certificates.size() - 1);
            KeyPair pair = CertificateProfile.aws(level).newKeyPair(random);
            certificates.add(issueIntermediate(
                    level, pair, certificates.get(certificates.size() - 1), keys.get(keys.size() - 1), now, random));
            keys.add(pair.getPrivate());
        }
        return new Chain(List.copyOf(certificates), List.copyOf(keys));
    }

    private static X509Certificate issueRoot(KeyPair pair, Instant now, SecureRandom random)
            throws GeneralSecurityException {
        X500Name name = subject(Level.ROOT, "nautilus-dev-root." + suffix(random) + ".local");
        return CertificateProfile.aws(Level.ROOT)
                .issue(
                        name,
                        pair.getPublic(),
                        name,
                        null,
                        pair.getPrivate(),
                        now,
                        now.plus(Level.ROOT.lifetime()),
                        random);
    }

    private static X509Certificate issueIntermediate(
            Level level, KeyPair pair, X509Certificate issuer, PrivateKey issuerKey, Instant now, SecureRandom random)
            throws GeneralSecurityException {
        return CertificateProfile.aws(level)
                .issue(
                        subject(level, label(level, random)),
                        pair.getPublic(),
                        issuerName(issuer),
                        issuer.getPublicKey(),
                        issuerKey,
                        now,
                        now.plus(level.lifetime()),
                        random);
    }

    private static X500Name issuerName(X509Certificate issuer) {
        return X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
    }

    /** A subject name in the attribute order AWS uses at each level, saying it is not AWS. */
    private static X500Name subject(Level level, String commonName) {
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE);
        if (level == Level.ZONAL) {
            name.addRDN(BCStyle.CN, commonName)
                    .addRDN(BCStyle.OU, NOT_AWS)
                    .addRDN(BCStyle.O, "Nautilus")
                    .addRDN(BCStyle.C, "US");
        } else {
            name.addRDN(BCStyle.C, "US")
                    .addRDN(BCStyle.O, "Nautilus")
                    .addRDN(BCStyle.OU, NOT_AWS)
                    .addRDN(BCStyle.CN, commonName);
        }
        return name.build();
    }

    private static Chain load(Path directory, Instant now, SecureRandom random)
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
            KeyPair pair = CertificateProfile.aws(Level.ROOT).newKeyPair(random);
            save(directory, "root", issueRoot(pair, now, random), pair.getPrivate());
        }
        certificates.add(readCertificate(rootCert));
        keys.add(readKey(rootKey));
        requireKeyMatches(certificates.get(0), keys.get(0), "root");
        if (firstExpiring(certificates, now) == 0) {
            throw new GeneralSecurityException("development CA root in " + directory + " expires "
                    + certificates.get(0).getNotAfter().toInstant() + "; remove the directory to start a new CA");
        }

        boolean reissue = false;
        for (Level level : INTERMEDIATES) {
            String name = level.name().toLowerCase(Locale.ROOT);
            X509Certificate issuer = certificates.get(certificates.size() - 1);
            PrivateKey issuerKey = keys.get(keys.size() - 1);
            if (!reissue) {
                reissue = !usable(directory, name, issuer, now);
            }
            if (reissue) {
                KeyPair pair = CertificateProfile.aws(level).newKeyPair(random);
                save(
                        directory,
                        name,
                        issueIntermediate(level, pair, issuer, issuerKey, now, random),
                        pair.getPrivate());
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

    private static String label(Level level, SecureRandom random) {
        switch (level) {
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
        return (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(blocks.get(0)));
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
                ? Files.createTempFile(
                        file.getParent(), ".tmp-", ".part", PosixFilePermissions.asFileAttribute(OWNER_FILE))
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
                ? FileChannel.open(
                        directory.resolve(".lock"), options, PosixFilePermissions.asFileAttribute(OWNER_FILE))
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
