package dev.provably.nautilus.enclave.analysis.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the DEMO model: a tiny ONNX graph, byte-for-byte the same on every run, for tests and the
 * local run. IT IS NO DETECTOR. It computes {@code sigmoid(0.1 * (mean(R) - mean(B)))} over the
 * 32 x 32 input, a colour statistic that always lands between 0.475 and 0.525, so it can never
 * reach the policy's threshold. It exists to exercise the real path (ONNX Runtime session, input
 * tensor, output probability, identity) without shipping someone's weights.
 *
 * <pre>image [1,3,32,32] -&gt; ReduceMean(axes 2,3) -&gt; [1,3] -&gt; MatMul W[3,1] -&gt; Add b -&gt; Sigmoid -&gt; ai_probability [1,1]</pre>
 *
 * The committed {@code demo.onnx} resource is this class's output ({@code DemoModelTest} checks it);
 * regenerate with {@code java -cp nautilus-enclave.jar dev.provably.nautilus.enclave.analysis.model.DemoModel OUT}.
 * ONNX files are protobuf ({@code onnx.proto}); the few fields used are written by hand below.
 */
public final class DemoModel {
    private DemoModel() {}

    public static void main(String[] args) throws IOException {
        Files.write(Path.of(args[0]), bytes());
    }

    /** The ONNX ModelProto bytes. */
    public static byte[] bytes() {
        Proto graph = new Proto()
                .message(
                        1,
                        node(
                                "mean",
                                "ReduceMean",
                                new String[] {"image"},
                                new String[] {"channel_means"},
                                new Proto().string(1, "axes").ints(8, 2, 3).varint(20, 7),
                                new Proto().string(1, "keepdims").varint(3, 0).varint(20, 2)))
                .message(
                        1, node("score", "MatMul", new String[] {"channel_means", "weights"}, new String[] {"logit_w"}))
                .message(1, node("bias", "Add", new String[] {"logit_w", "bias"}, new String[] {"logit"}))
                .message(1, node("probability", "Sigmoid", new String[] {"logit"}, new String[] {"ai_probability"}))
                .string(2, "nautilus-demo-not-a-detector")
                .message(5, floatTensor("weights", new long[] {3, 1}, 0.1f, 0f, -0.1f))
                .message(5, floatTensor("bias", new long[] {1}, 0f))
                .message(11, valueInfo("image", 1, 3, 32, 32))
                .message(12, valueInfo("ai_probability", 1, 1));
        return new Proto()
                .varint(1, 7) // ir_version
                .string(2, "nautilus DemoModel")
                .message(7, graph)
                .message(8, new Proto().string(1, "").varint(2, 13)) // opset_import: ai.onnx 13
                .toByteArray();
    }

    private static Proto node(String name, String op, String[] inputs, String[] outputs, Proto... attributes) {
        Proto node = new Proto();
        for (String input : inputs) {
            node.string(1, input);
        }
        for (String output : outputs) {
            node.string(2, output);
        }
        node.string(3, name).string(4, op);
        for (Proto attribute : attributes) {
            node.message(5, attribute);
        }
        return node;
    }

    private static Proto floatTensor(String name, long[] dims, float... values) {
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        return new Proto().ints(1, dims).varint(2, 1).string(8, name).bytes(9, raw.array());
    }

    private static Proto valueInfo(String name, long... dims) {
        Proto shape = new Proto();
        for (long dim : dims) {
            shape.message(1, new Proto().varint(1, dim));
        }
        Proto tensorType = new Proto().varint(1, 1).message(2, shape); // elem_type FLOAT
        return new Proto().string(1, name).message(2, new Proto().message(1, tensorType));
    }

    /** The protobuf wire format: varints (wire type 0) and length-delimited fields (wire type 2). */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            rawVarint((long) field << 3);
            rawVarint(value);
            return this;
        }

        Proto ints(int field, long... values) {
            for (long v : values) {
                varint(field, v);
            }
            return this;
        }

        Proto bytes(int field, byte[] value) {
            rawVarint((long) field << 3 | 2);
            rawVarint(value.length);
            out.writeBytes(value);
            return this;
        }

        Proto string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, Proto value) {
            return bytes(field, value.toByteArray());
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }

        private void rawVarint(long value) {
            long rest = value;
            while ((rest & ~0x7FL) != 0) {
                out.write((int) (rest & 0x7F) | 0x80);
                rest >>>= 7;
            }
            out.write((int) rest);
        }
    }
}
