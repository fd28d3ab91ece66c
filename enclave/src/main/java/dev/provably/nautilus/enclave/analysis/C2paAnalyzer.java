package dev.provably.nautilus.enclave.analysis;

import dev.provably.nautilus.c2pa.C2paResult;
import dev.provably.nautilus.c2pa.C2paValidator;
import dev.provably.nautilus.c2pa.crypto.TrustAnchors;
import dev.provably.nautilus.report.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Validates the file's C2PA Content Credentials with the project's validator (module {@code c2pa}):
 * the manifest store, the active claim's signature, its hashed URIs and hard binding, and the chain
 * to the trust anchors baked into the image ({@value #ANCHORS_RESOURCE}, empty by default, so a
 * valid manifest is "valid" but not "trusted"). Unlike the provenance metadata, a valid manifest is
 * signed: it says who declared what, and that the pixels were not changed since.
 *
 * <p>Labels: {@code none} (no manifest store, or not JPEG/PNG), {@code invalid} (present but it does
 * not validate: tampered data or claim, bad signature, unreadable store), {@code ai-declared} (valid,
 * and the active manifest's actions declare trainedAlgorithmicMedia or
 * compositeWithTrainedAlgorithmicMedia), {@code capture-declared} (valid, digitalCapture and no AI
 * type), {@code valid} (valid, neither).
 */
public final class C2paAnalyzer implements Analyzer {
    /** The PEM bundle of C2PA trust anchors, part of the image and so of PCR0 (and of this analyzer's identity). */
    public static final String ANCHORS_RESOURCE = "/dev/provably/nautilus/enclave/analysis/c2pa-trust-anchors.pem";

    static final String RULES = """
            c2pa/1
            formats: image/jpeg image/png (others: label none)
            validator: dev.provably:nautilus-c2pa (C2paValidator), trust anchors: the bundled PEM below
            none when no manifest store is embedded
            invalid when a store is embedded and the active manifest is not valid (any failure code)
            ai-declared when valid and an action's digitalSourceType ends in trainedAlgorithmicMedia or compositeWithTrainedAlgorithmicMedia
            capture-declared when valid, not ai-declared, and an action's digitalSourceType ends in digitalCapture
            otherwise valid
            findings: c2pa.state c2pa.signer c2pa.claimGenerator c2pa.digitalSourceType c2pa.failure
            anchors:
            """;

    private final C2paValidator validator;
    private final byte[] identity;

    private C2paAnalyzer(String anchorsPem) {
        try {
            this.validator =
                    new C2paValidator(anchorsPem.isBlank() ? TrustAnchors.none() : TrustAnchors.fromPem(anchorsPem));
        } catch (CertificateException e) {
            throw new IllegalStateException("the bundled C2PA trust anchors do not parse: " + e.getMessage(), e);
        }
        this.identity = Sha256.of((RULES + anchorsPem).getBytes(StandardCharsets.UTF_8));
    }

    /** With the trust anchors this image ships. */
    public static C2paAnalyzer bundled() {
        try (InputStream in = C2paAnalyzer.class.getResourceAsStream(ANCHORS_RESOURCE)) {
            return new C2paAnalyzer(in == null ? "" : new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** With the given PEM bundle (tests). */
    static C2paAnalyzer withAnchors(String pem) {
        return new C2paAnalyzer(pem);
    }

    @Override
    public String name() {
        return "c2pa";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public byte[] identity() {
        return identity.clone();
    }

    @Override
    public AnalyzerResult analyze(byte[] media, DetectedType type) {
        if (type != DetectedType.JPEG && type != DetectedType.PNG) {
            return new AnalyzerResult(OptionalInt.empty(), "none", List.of());
        }
        C2paResult result = validator.validate(media, type.mediaType());
        if (!result.present()) {
            return new AnalyzerResult(OptionalInt.empty(), "none", List.of());
        }
        List<Finding> findings = new ArrayList<>();
        findings.add(Finding.bounded("c2pa.state", result.state().name()));
        result.signer()
                .ifPresent(s -> findings.add(Finding.bounded(
                        "c2pa.signer",
                        s.organization().orElse("?") + " / " + s.commonName().orElse("?") + " (" + s.algorithm()
                                + ")")));
        result.claimGenerator().ifPresent(g -> findings.add(Finding.bounded("c2pa.claimGenerator", g)));
        result.digitalSourceTypes().stream()
                .limit(2)
                .forEach(t -> findings.add(Finding.bounded("c2pa.digitalSourceType", t)));
        if (!result.valid()) {
            List<String> codes = result.failureCodes();
            findings.add(Finding.bounded(
                    "c2pa.failure", codes.isEmpty() ? result.error().orElse("not valid") : String.join(" ", codes)));
            return new AnalyzerResult(OptionalInt.empty(), "invalid", findings);
        }
        boolean ai = result.digitalSourceTypes().stream()
                .anyMatch(t -> ProvenanceAnalyzer.AI_SOURCE_TYPES.contains(ProvenanceAnalyzer.sourceTypeCode(t)));
        boolean capture = result.digitalSourceTypes().stream()
                .anyMatch(t -> ProvenanceAnalyzer.CAPTURE_SOURCE_TYPES.contains(ProvenanceAnalyzer.sourceTypeCode(t)));
        String label = ai ? "ai-declared" : capture ? "capture-declared" : "valid";
        return new AnalyzerResult(OptionalInt.empty(), label, findings);
    }
}
