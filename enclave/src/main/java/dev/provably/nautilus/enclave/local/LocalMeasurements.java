package dev.provably.nautilus.enclave.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The 16 PCRs (48 bytes each) a local document carries, derived deterministically so that the
 * same artifact on the same runtime always reports the same values, and never all-zero (a Nitro
 * document with PCR0 all zero means a debug enclave):
 * <ul>
 *   <li>PCR0 (the image): SHA-384 of the bytes of the running jar; when running from a class
 *       directory (tests, IDE), SHA-384 over every file in it, sorted by relative path, each as
 *       {@code path NUL length(8 bytes, big-endian) content}.</li>
 *   <li>PCR1 (kernel and boot, here the Java runtime): SHA-384 of
 *       {@code "nautilus-local-pcr1" NUL java.vendor NUL java.runtime.version NUL os.name NUL os.arch}.</li>
 *   <li>PCR2 (the application): SHA-384 of {@code "nautilus-local-pcr2" NUL PCR0 PCR1}.</li>
 *   <li>PCR3..PCR15: 48 zero bytes (no IAM role, instance or signing certificate locally).</li>
 * </ul>
 */
public final class LocalMeasurements {
    public static final int PCR_COUNT = 16;
    public static final int PCR_LENGTH = 48;

    private final SortedMap<Integer, byte[]> pcrs;

    private LocalMeasurements(byte[] pcr0, byte[] pcr1, byte[] pcr2) {
        SortedMap<Integer, byte[]> values = new TreeMap<>();
        values.put(0, pcr0.clone());
        values.put(1, pcr1.clone());
        values.put(2, pcr2.clone());
        for (int i = 3; i < PCR_COUNT; i++) {
            values.put(i, new byte[PCR_LENGTH]);
        }
        this.pcrs = Collections.unmodifiableSortedMap(values);
    }

    /** Measurements of the artifact that holds this class, on the running JVM. */
    public static LocalMeasurements ofRunningArtifact() throws IOException {
        return of(runningArtifact(), runtimeIdentity());
    }

    /** The jar (or class directory) holding this class: what {@link #ofRunningArtifact()} measures. */
    public static Path runningArtifact() throws IOException {
        CodeSource source = LocalMeasurements.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            throw new IOException("cannot locate the running artifact to measure PCR0");
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("cannot locate the running artifact to measure PCR0: " + source.getLocation(), e);
        }
    }

    /** Measurements of {@code artifact} (a jar file or a class directory) on the given runtime identity. */
    public static LocalMeasurements of(Path artifact, String runtimeIdentity) throws IOException {
        byte[] pcr0 = Files.isDirectory(artifact) ? measureDirectory(artifact) : measureFile(artifact);
        byte[] pcr1 = sha384(("nautilus-local-pcr1\0" + runtimeIdentity).getBytes(StandardCharsets.UTF_8));
        MessageDigest pcr2 = digest();
        pcr2.update("nautilus-local-pcr2\0".getBytes(StandardCharsets.US_ASCII));
        pcr2.update(pcr0);
        pcr2.update(pcr1);
        return new LocalMeasurements(pcr0, pcr1, pcr2.digest());
    }

    static String runtimeIdentity() {
        return String.join(
                "\0",
                System.getProperty("java.vendor", ""),
                System.getProperty("java.runtime.version", ""),
                System.getProperty("os.name", ""),
                System.getProperty("os.arch", ""));
    }

    /** PCR index to value (copies), 0..15 in order. */
    public SortedMap<Integer, byte[]> pcrs() {
        SortedMap<Integer, byte[]> copy = new TreeMap<>();
        pcrs.forEach((index, value) -> copy.put(index, value.clone()));
        return copy;
    }

    public byte[] pcr(int index) {
        byte[] value = pcrs.get(index);
        if (value == null) {
            throw new IllegalArgumentException("no PCR " + index);
        }
        return value.clone();
    }

    private static byte[] measureFile(Path file) throws IOException {
        MessageDigest digest = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return digest.digest();
    }

    private static byte[] measureDirectory(Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile)
                    .sorted((a, b) -> relative(root, a).compareTo(relative(root, b)))
                    .collect(Collectors.toList());
        }
        MessageDigest digest = digest();
        for (Path file : files) {
            byte[] content = Files.readAllBytes(file);
            digest.update(relative(root, file).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            long length = content.length;
            for (int shift = 56; shift >= 0; shift -= 8) {
                digest.update((byte) (length >>> shift));
            }
            digest.update(content);
        }
        return digest.digest();
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static byte[] sha384(byte[] data) {
        return digest().digest(data);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-384");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-384 is required of every Java platform", e);
        }
    }
}
