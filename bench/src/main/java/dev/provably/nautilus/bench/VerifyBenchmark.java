package dev.provably.nautilus.bench;

import dev.provably.nautilus.attestation.AttestationVerifier;
import dev.provably.nautilus.attestation.TrustAnchor;
import dev.provably.nautilus.attestation.VerificationException;
import dev.provably.nautilus.attestation.VerifiedAttestation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Document verification throughput, one thread.
 * <ul>
 *   <li>{@code synthetic*}: distinct documents of one chain, each with its own leaf (more documents
 *       than the chain cache holds, so a leaf is never seen twice while cached);</li>
 *   <li>{@code real*}: the genuine {@code nautilus-20250415-weather.cbor} at its source's test time,
 *       verified again and again (its whole chain, leaf included, can be cached).</li>
 * </ul>
 * {@code Warm}: one shared verifier with the default chain cache. {@code Cold}: the cache disabled.
 * {@code NewVerifier}: a verifier built for every document, as a naive caller would.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class VerifyBenchmark {

    private static final String REAL_VECTOR = "/vectors/nautilus-20250415-weather.cbor";
    private static final long REAL_VECTOR_TIME = 1744684007462L;

    /** More than the default chain cache (1024 entries), so warm runs never see a cached leaf. */
    @Param({"2048"})
    public int documents;

    private SyntheticDocuments synthetic;
    private byte[][] syntheticBytes;
    private int next;
    private TrustAnchor syntheticAnchor;
    private Clock syntheticClock;
    private AttestationVerifier syntheticWarm;
    private AttestationVerifier syntheticCold;

    private byte[] real;
    private AttestationVerifier realWarm;
    private AttestationVerifier realCold;

    @Setup(Level.Trial)
    public void setUp() throws VerificationException {
        synthetic = SyntheticDocuments.issue(documents, Instant.now());
        syntheticBytes = new byte[documents][];
        for (int i = 0; i < documents; i++) {
            syntheticBytes[i] = synthetic.document(i);
        }
        syntheticAnchor = TrustAnchor.of(synthetic.authority().root());
        syntheticClock = Clock.fixed(synthetic.verificationTime(), ZoneOffset.UTC);
        syntheticWarm = syntheticVerifier().build();
        syntheticCold = syntheticVerifier().chainCacheSize(0).build();

        real = readVector();
        Clock realClock = Clock.fixed(Instant.ofEpochMilli(REAL_VECTOR_TIME), ZoneOffset.UTC);
        realWarm =
                AttestationVerifier.builder().anyEnclaveImage().clock(realClock).build();
        realCold = AttestationVerifier.builder()
                .anyEnclaveImage()
                .clock(realClock)
                .chainCacheSize(0)
                .build();

        // Fail the run at once, not after minutes, if a document does not verify.
        syntheticWarm.verify(syntheticBytes[0]);
        realWarm.verify(real);
    }

    private AttestationVerifier.Builder syntheticVerifier() {
        return AttestationVerifier.builder()
                .anyEnclaveImage()
                .trustAnchor(syntheticAnchor)
                .clock(syntheticClock);
    }

    private byte[] nextSynthetic() {
        byte[] document = syntheticBytes[next];
        next = next + 1 == syntheticBytes.length ? 0 : next + 1;
        return document;
    }

    @Benchmark
    public VerifiedAttestation syntheticWarm() throws VerificationException {
        return syntheticWarm.verify(nextSynthetic());
    }

    @Benchmark
    public VerifiedAttestation syntheticCold() throws VerificationException {
        return syntheticCold.verify(nextSynthetic());
    }

    @Benchmark
    public VerifiedAttestation syntheticNewVerifier() throws VerificationException {
        return syntheticVerifier().build().verify(nextSynthetic());
    }

    @Benchmark
    public VerifiedAttestation realWarm() throws VerificationException {
        return realWarm.verify(real);
    }

    @Benchmark
    public VerifiedAttestation realCold() throws VerificationException {
        return realCold.verify(real);
    }

    private static byte[] readVector() {
        try (InputStream in = VerifyBenchmark.class.getResourceAsStream(REAL_VECTOR)) {
            if (in == null) {
                throw new IllegalStateException(REAL_VECTOR + " is not on the class path (verifier test-jar)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
