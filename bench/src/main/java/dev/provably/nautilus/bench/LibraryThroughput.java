package dev.provably.nautilus.bench;

import dev.provably.nautilus.attestation.AttestationVerifier;
import dev.provably.nautilus.attestation.SignatureBackend;
import dev.provably.nautilus.attestation.TrustAnchor;
import dev.provably.nautilus.attestation.VerificationException;
import dev.provably.nautilus.attestation.VerifiedAttestation;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The library's document rate for run-accp-bench.sh:
 * {@code LibraryThroughput DIR ROOT_PEM AT BACKEND warm|cold}. Reads every document in DIR (written
 * by {@link GenerateDocuments}), verifies all of them with one verifier until it is warm (JIT
 * compiled, chain cached), then times three passes and prints the median documents per second of wall-clock time and
 * per second of the thread's CPU time.
 * {@code cold} disables the chain cache, so every document pays its whole chain again (new CA
 * keys parsed, four certificate signatures and the COSE signature), as with a new chain each time.
 */
public final class LibraryThroughput {
    private static final int WARM_UP_PASSES = 3;
    private static final int TIMED_PASSES = 3;

    private LibraryThroughput() {}

    public static void main(String[] args) throws IOException, VerificationException {
        if (args.length != 5 || !List.of("warm", "cold").contains(args[4])) {
            System.err.println("usage: LibraryThroughput DIR ROOT_PEM AT_MILLIS ACCP|BOUNCY_CASTLE warm|cold");
            System.exit(2);
        }
        byte[][] documents = read(Path.of(args[0]));
        AttestationVerifier.Builder builder = AttestationVerifier.builder()
                .anyEnclaveImage()
                .trustAnchor(TrustAnchor.fromPemFile(Path.of(args[1])))
                .clock(Clock.fixed(Instant.ofEpochMilli(Long.parseLong(args[2])), ZoneOffset.UTC))
                .signatureBackend(SignatureBackend.valueOf(args[3]));
        if (args[4].equals("cold")) {
            builder.chainCacheSize(0);
        }
        AttestationVerifier verifier = builder.build();
        for (int pass = 0; pass < WARM_UP_PASSES; pass++) {
            verifyAll(verifier, documents);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] rates = new double[TIMED_PASSES];
        double[] cpuRates = new double[TIMED_PASSES];
        for (int pass = 0; pass < TIMED_PASSES; pass++) {
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            verifyAll(verifier, documents);
            cpuRates[pass] = documents.length / ((threads.getCurrentThreadCpuTime() - cpuStart) / 1e9);
            rates[pass] = documents.length / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(rates);
        Arrays.sort(cpuRates);
        // Per wall-clock second, and per CPU second of this thread (the same on an idle core; the
        // second is what openssl speed reports by default: user CPU time).
        System.out.printf("%.1f %.1f%n", rates[TIMED_PASSES / 2], cpuRates[TIMED_PASSES / 2]);
    }

    private static void verifyAll(AttestationVerifier verifier, byte[][] documents) throws VerificationException {
        for (byte[] document : documents) {
            VerifiedAttestation verified = verifier.verify(document);
            if (verified.signatureBackend() != verifier.signatureBackend()) {
                throw new IllegalStateException("unexpected backend " + verified.signatureBackend());
            }
        }
    }

    private static byte[][] read(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> sorted = files.sorted().toList();
            byte[][] documents = new byte[sorted.size()][];
            for (int i = 0; i < documents.length; i++) {
                documents[i] = Files.readAllBytes(sorted.get(i));
            }
            return documents;
        }
    }
}
