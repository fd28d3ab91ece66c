package dev.provably.nautilus.enclave.analysis;

/**
 * One analysis the enclave image ships. Analyzers are fixed by the image: the caller can neither
 * choose nor parameterise them, and the signed report names each by its {@link #identity()}.
 *
 * <p>Implementations are thread-safe and never throw for bad media: truncated, corrupt or
 * unsupported input is a result ({@code unreadable}, {@code unsupported}), so a bad file cannot
 * cost a worker or the next caller's verdict.
 */
public interface Analyzer {
    /** A short fixed name, e.g. {@code provenance}. */
    String name();

    /** The analyzer's version, e.g. {@code 1}. */
    String version();

    /** SHA-256 over the analyzer's own artifact (its rules text, or its model file and manifest); 32 bytes. */
    byte[] identity();

    AnalyzerResult analyze(byte[] media, DetectedType type);
}
