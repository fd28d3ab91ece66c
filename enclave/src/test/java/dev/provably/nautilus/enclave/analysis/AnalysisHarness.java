package dev.provably.nautilus.enclave.analysis;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.provably.nautilus.enclave.analysis.model.BoundedImageDecoder;
import dev.provably.nautilus.enclave.analysis.model.ModelAnalyzer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Benchmark harness, not a test: prints figures, asserts nothing.
 * <ul>
 *   <li>provenance analysis per image for a ~5 MB JPEG and a ~5 MB PNG (noise, so they do not
 *       compress), with the XMP of {@code xmp-ai-only.jpg} in the JPEG: p50 / p99;</li>
 *   <li>the demo model: {@code ModelAnalyzer.run} (tensor in, probability out) against ONNX
 *       Runtime's own {@code session.run} on a prepared tensor, and the whole {@code analyze}
 *       (decode, resize, run) on the 5 MB JPEG.</li>
 * </ul>
 * <pre>java -cp enclave/target/test-classes:enclave/target/nautilus-enclave.jar \
 *     dev.provably.nautilus.enclave.analysis.AnalysisHarness [iterations, default 200]</pre>
 */
public final class AnalysisHarness {
    private AnalysisHarness() {}

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        byte[] jpeg = withXmpOf(noiseJpeg(3000, 2500), Samples.read("xmp-ai-only.jpg"));
        byte[] png = noisePng(1290, 1290);
        ProvenanceAnalyzer provenance = new ProvenanceAnalyzer();
        System.out.printf("provenance, %d iterations each%n", iterations);
        System.out.printf(
                "  JPEG %,d bytes: %s (label %s)%n",
                jpeg.length,
                timings(iterations, () -> provenance.analyze(jpeg, DetectedType.JPEG)),
                provenance.analyze(jpeg, DetectedType.JPEG).label());
        System.out.printf(
                "  PNG  %,d bytes: %s (label %s)%n",
                png.length,
                timings(iterations, () -> provenance.analyze(png, DetectedType.PNG)),
                provenance.analyze(png, DetectedType.PNG).label());

        try (ModelAnalyzer model = ModelAnalyzer.bundledDemo()) {
            float[] input = model.input(new BoundedImageDecoder(ModelAnalyzer.DEFAULT_MAX_PIXELS)
                    .decode(jpeg, model.manifest().size())
                    .image());
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession session = model.session();
            long[] shape = {1, 3, model.manifest().size(), model.manifest().size()};
            int runs = iterations * 50;
            try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape)) {
                Map<String, OnnxTensor> feed = Map.of(model.manifest().input(), tensor);
                Stats raw = timings(runs, () -> {
                    try (OrtSession.Result r = session.run(feed)) {
                        return r;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                Stats wrapped = timings(runs, () -> {
                    try {
                        return model.run(input);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                System.out.printf("demo model, %d runs each%n", runs);
                System.out.printf("  session.run on a prepared tensor: %s%n", raw);
                System.out.printf("  ModelAnalyzer.run (tensor + run + read): %s%n", wrapped);
                System.out.printf("  ratio session.run / wrapper (p50): %.3f%n", raw.p50 / wrapped.p50);
            }
            System.out.printf(
                    "  ModelAnalyzer.analyze on the JPEG (decode, resize, run): %s%n",
                    timings(Math.max(10, iterations / 10), () -> model.analyze(jpeg, DetectedType.JPEG)));
        }
    }

    record Stats(double p50, double p99) {
        @Override
        public String toString() {
            return String.format("p50 %.3f ms, p99 %.3f ms", p50, p99);
        }
    }

    static Stats timings(int n, Supplier<Object> op) {
        for (int i = 0; i < Math.max(5, n / 5); i++) {
            op.get(); // warm-up
        }
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            op.get();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return new Stats(ms[n / 2], ms[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)]);
    }

    static BufferedImage noise(int width, int height) {
        Random random = new Random(42);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return image;
    }

    static byte[] noiseJpeg(int width, int height) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.8f);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(noise(width, height), null, null), param);
        }
        writer.dispose();
        return out.toByteArray();
    }

    static byte[] noisePng(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(noise(width, height), "png", out);
        return out.toByteArray();
    }

    /** {@code jpeg} with the APP1 segments of {@code donor} inserted after SOI. */
    static byte[] withXmpOf(byte[] jpeg, byte[] donor) {
        ByteArrayOutputStream app1 = new ByteArrayOutputStream();
        int pos = 2;
        while (pos + 4 <= donor.length && (donor[pos] & 0xFF) == 0xFF && (donor[pos + 1] & 0xFF) != 0xDA) {
            int length = (donor[pos + 2] & 0xFF) << 8 | (donor[pos + 3] & 0xFF);
            if ((donor[pos + 1] & 0xFF) == 0xE1) {
                app1.write(donor, pos, 2 + length);
            }
            pos += 2 + length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.writeBytes(app1.toByteArray());
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
