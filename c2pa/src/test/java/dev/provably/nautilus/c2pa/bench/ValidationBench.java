package dev.provably.nautilus.c2pa.bench;

import dev.provably.nautilus.c2pa.C2paResult;
import dev.provably.nautilus.c2pa.C2paValidator;
import dev.provably.nautilus.c2pa.crypto.TrustAnchors;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;

/**
 * Harness (not a test): per-file C2PA validation time against the time to SHA-256 the same bytes,
 * the floor a data-hash binding cannot go below. Run with {@code c2pa/run-bench.sh}.
 *
 * <p>The files are gen-ai-es256.jpg grown to 1 MB and 10 MB by extra entropy-coded bytes before
 * EOI (no 0xFF, so the JPEG walker scans them as image data). No signing key is available here to
 * re-sign them, so their data hash mismatches; every check still runs in full (the whole file is
 * hashed, the claim signature and certificates verified), which is what is timed.
 */
public final class ValidationBench {
    private ValidationBench() {}

    public static void main(String[] args) throws Exception {
        byte[] base;
        try (InputStream in = ValidationBench.class.getResourceAsStream("/media/gen-ai-es256.jpg")) {
            base = in.readAllBytes();
        }
        C2paValidator validator = new C2paValidator(TrustAnchors.none());
        System.out.printf(
                "%-8s %8s %10s %10s %10s %8s  %s%n",
                "size", "runs", "p50 ms", "p99 ms", "sha256 ms", "ratio", "state / failures");
        for (int mb : new int[] {1, 10}) {
            byte[] file = grow(base, mb << 20);
            int runs = mb == 1 ? 200 : 40;
            for (int i = 0; i < runs / 4; i++) {
                validator.validate(file, "image/jpeg");
                sha256(file);
            }
            long[] validate = new long[runs];
            long[] hash = new long[runs];
            C2paResult last = null;
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                last = validator.validate(file, "image/jpeg");
                long t1 = System.nanoTime();
                sha256(file);
                long t2 = System.nanoTime();
                validate[i] = t1 - t0;
                hash[i] = t2 - t1;
            }
            Arrays.sort(validate);
            Arrays.sort(hash);
            double p50 = ms(validate[runs / 2]);
            double p99 = ms(validate[(int) Math.ceil(runs * 0.99) - 1]);
            double h50 = ms(hash[runs / 2]);
            System.out.printf(
                    "%-8s %8d %10.2f %10.2f %10.2f %8.2f  %s %s%n",
                    mb + " MB", runs, p50, p99, h50, p50 / h50, last.state(), last.failureCodes());
        }
    }

    private static byte[] sha256(byte[] file) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(file);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** Inserts pseudo-random entropy-coded bytes (never 0xFF) just before the final EOI marker. */
    static byte[] grow(byte[] jpeg, int size) throws IOException {
        int extra = Math.max(0, size - jpeg.length);
        byte[] out = new byte[jpeg.length + extra];
        int eoi = jpeg.length - 2;
        System.arraycopy(jpeg, 0, out, 0, eoi);
        Random random = new Random(1);
        for (int i = 0; i < extra; i++) {
            out[eoi + i] = (byte) random.nextInt(0xFF);
        }
        System.arraycopy(jpeg, eoi, out, eoi + extra, 2);
        return out;
    }
}
