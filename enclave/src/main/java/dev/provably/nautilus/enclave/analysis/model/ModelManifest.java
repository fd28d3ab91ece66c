package dev.provably.nautilus.enclave.analysis.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How to feed the model and read its answer, from {@code manifest.json} beside the model file:
 *
 * <pre>{"name": "demo", "version": "1", "input": "image", "size": 32,
 *  "mean": [0, 0, 0], "std": [1, 1, 1], "output": "ai_probability", "outputIndex": 0,
 *  "demo": true}</pre>
 *
 * The input is NCHW float32 {@code [1, 3, size, size]}: RGB scaled to 0..1, then
 * {@code (x - mean[c]) / std[c]}. {@code outputIndex} picks the AI-generated probability from the
 * output's last axis (a two-class classifier exported from Hugging Face has it at 0 or 1).
 */
public record ModelManifest(
        String name,
        String version,
        String input,
        int size,
        float[] mean,
        float[] std,
        String output,
        int outputIndex,
        boolean demo) {
    public static final int MAX_SIZE = 1024;

    public ModelManifest {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be 1.." + MAX_SIZE + ", got " + size);
        }
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need three values (R, G, B)");
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std values must be positive");
            }
        }
        if (outputIndex < 0) {
            throw new IllegalArgumentException("outputIndex must not be negative");
        }
        for (String field : List.of(name, version, input, output)) {
            if (field == null || field.isBlank()) {
                throw new IllegalArgumentException("name, version, input and output are required");
            }
        }
    }

    /** Parses the manifest; any missing or mistyped field is an {@link IllegalArgumentException}. */
    public static ModelManifest parse(byte[] json) {
        try {
            JsonObject o = JsonParser.parseString(new String(json, StandardCharsets.UTF_8))
                    .getAsJsonObject();
            return new ModelManifest(
                    text(o, "name"),
                    text(o, "version"),
                    text(o, "input"),
                    o.get("size").getAsInt(),
                    floats(o, "mean"),
                    floats(o, "std"),
                    text(o, "output"),
                    o.get("outputIndex").getAsInt(),
                    o.has("demo") && o.get("demo").getAsBoolean());
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException e) {
            throw new IllegalArgumentException("bad model manifest: " + e.getMessage(), e);
        }
    }

    private static String text(JsonObject o, String key) {
        return o.get(key).getAsString();
    }

    private static float[] floats(JsonObject o, String key) {
        List<JsonElement> values = o.get(key).getAsJsonArray().asList();
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).getAsFloat();
        }
        return out;
    }
}
