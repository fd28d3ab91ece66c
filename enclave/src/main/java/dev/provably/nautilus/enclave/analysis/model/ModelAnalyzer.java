package dev.provably.nautilus.enclave.analysis.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.provably.nautilus.enclave.analysis.Analyzer;
import dev.provably.nautilus.enclave.analysis.AnalyzerResult;
import dev.provably.nautilus.enclave.analysis.DetectedType;
import dev.provably.nautilus.enclave.analysis.Sha256;
import dev.provably.nautilus.report.Finding;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * An image classifier run with ONNX Runtime inside the enclave. The model file and its
 * {@link ModelManifest} are files of the enclave image (so PCR0 measures them); the analyzer's
 * identity is {@code SHA-256(SHA-256(model file) || SHA-256(manifest file))}.
 *
 * <p>Labels: {@code scored} (with a score), {@code unsupported} (no decoder: WebP and others),
 * {@code too-large} (over the pixel bound), {@code unreadable} (corrupt or truncated). Thread-safe:
 * ONNX Runtime sessions may run concurrently.
 */
public final class ModelAnalyzer implements Analyzer, AutoCloseable {
    /** 50 megapixels: above common camera sensors, far below what fits in the enclave's memory. */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

    private static final String RESOURCES = "/dev/provably/nautilus/enclave/analysis/model/";

    private final ModelManifest manifest;
    private final byte[] identity;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final BoundedImageDecoder decoder;

    public ModelAnalyzer(byte[] model, byte[] manifestJson, long maxPixels) throws OrtException {
        this.manifest = ModelManifest.parse(manifestJson);
        this.identity = identity(model, manifestJson);
        this.env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1); // one core per analysis; parallelism comes from the workers
            this.session = env.createSession(model, options);
        }
        var inputs = session.getInputNames();
        var outputs = session.getOutputNames();
        if (!inputs.contains(manifest.input()) || !outputs.contains(manifest.output())) {
            session.close();
            throw new IllegalArgumentException("the manifest names input " + manifest.input() + " and output "
                    + manifest.output() + "; the model has " + inputs + " and " + outputs);
        }
        this.decoder = new BoundedImageDecoder(maxPixels);
    }

    /** The demo model and manifest bundled in the jar. The demo model is no detector (see {@link DemoModel}). */
    public static ModelAnalyzer bundledDemo() throws OrtException {
        return new ModelAnalyzer(resource("demo.onnx"), resource("manifest.json"), DEFAULT_MAX_PIXELS);
    }

    /** The bundled demo's identity, without starting an ONNX Runtime session. */
    public static byte[] bundledDemoIdentity() {
        return identity(resource("demo.onnx"), resource("manifest.json"));
    }

    private static byte[] identity(byte[] model, byte[] manifestJson) {
        return Sha256.of(Sha256.of(model), Sha256.of(manifestJson));
    }

    public ModelManifest manifest() {
        return manifest;
    }

    @Override
    public String name() {
        return "model";
    }

    @Override
    public String version() {
        return manifest.name() + "/" + manifest.version();
    }

    @Override
    public byte[] identity() {
        return identity.clone();
    }

    @Override
    public AnalyzerResult analyze(byte[] media, DetectedType type) {
        List<Finding> findings = new ArrayList<>();
        if (manifest.demo()) {
            findings.add(Finding.bounded("model.demo", "demo model: a colour statistic, not an AI detector"));
        }
        BoundedImageDecoder.Decoded decoded;
        try {
            decoded = decoder.decode(media, manifest.size());
        } catch (BoundedImageDecoder.Rejected e) {
            findings.add(Finding.bounded("error", e.getMessage()));
            return new AnalyzerResult(OptionalInt.empty(), e.label(), findings);
        }
        findings.add(Finding.bounded("image.size", decoded.sourceWidth() + "x" + decoded.sourceHeight()));
        try {
            float p = run(input(decoded.image()));
            if (Float.isNaN(p)) {
                findings.add(Finding.bounded("error", "the model returned NaN"));
                return new AnalyzerResult(OptionalInt.empty(), "unreadable", findings);
            }
            int bps = Math.round(Math.max(0f, Math.min(1f, p)) * 10_000);
            return new AnalyzerResult(OptionalInt.of(bps), "scored", findings);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on a decoded image: " + e.getMessage(), e);
        }
    }

    /** The manifest's input tensor for one image: NCHW float32, normalised. */
    public float[] input(BufferedImage image) {
        int size = manifest.size();
        float[] chw = new float[3 * size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int rgb = image.getRGB(x, y);
                for (int c = 0; c < 3; c++) {
                    float v = ((rgb >> (16 - 8 * c)) & 0xFF) / 255f;
                    chw[c * size * size + y * size + x] = (v - manifest.mean()[c]) / manifest.std()[c];
                }
            }
        }
        return chw;
    }

    /** One {@code session.run} on a prepared input; the AI-generated probability. */
    public float run(float[] chw) throws OrtException {
        long[] shape = {1, 3, manifest.size(), manifest.size()};
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(chw), shape);
                OrtSession.Result result = session.run(Map.of(manifest.input(), tensor))) {
            OnnxValue value = result.get(manifest.output()).orElseThrow();
            // Read the one value in place rather than copying the output into nested Java arrays.
            FloatBuffer scores = ((OnnxTensor) value).getFloatBuffer();
            if (manifest.outputIndex() >= scores.remaining()) {
                throw new IllegalStateException("outputIndex " + manifest.outputIndex() + " but the output has "
                        + scores.remaining() + " values");
            }
            return scores.get(manifest.outputIndex());
        }
    }

    /** The raw session, for the benchmark that compares this wrapper with ONNX Runtime alone. */
    public OrtSession session() {
        return session;
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }

    static byte[] resource(String name) {
        try (InputStream in = ModelAnalyzer.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("missing model resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
