package dev.provably.nautilus.enclave.client;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON for people to read in a terminal: indented, small flat objects on one line, and long strings
 * shortened in the middle with their size ({@code "0x8444a101…[4488 bytes]"}). For display only:
 * a shortened document is no longer the original.
 */
final class PrettyJson {
    private static final String INDENT = "  ";
    private static final int LINE = 110;
    private static final Pattern HEX = Pattern.compile("(0x)?(?:[0-9a-f]{2})+");
    /** A PTB byte vector, {@code vector[0x84u8,0x44u8,…]}. */
    private static final Pattern VECTOR = Pattern.compile("vector\\[((?:0x[0-9a-f]{2}u8,)*0x[0-9a-f]{2}u8)]");

    private static final int VECTOR_SHOWN = 4;

    private final int maxString;

    PrettyJson(int maxString) {
        this.maxString = maxString;
    }

    String format(JsonElement element) {
        StringBuilder out = new StringBuilder();
        write(element, out, "");
        return out.toString();
    }

    /** A string as displayed: whole when short, else its start and end and its size. */
    String shorten(String value) {
        if (value.length() <= maxString) {
            return value;
        }
        int keep = Math.max(8, maxString / 2 - 8);
        String size = HEX.matcher(value).matches()
                ? (value.length() - (value.startsWith("0x") ? 2 : 0)) / 2 + " bytes"
                : value.length() + " chars";
        String shortened = value.substring(0, keep) + "..." + value.substring(value.length() - 8) + " [" + size + "]";
        return shortened.length() < value.length() ? shortened : value;
    }

    /** A {@code sui client ptb} command with every long byte vector cut to its first bytes and its size. */
    static String shortenVectors(String command) {
        Matcher m = VECTOR.matcher(command);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String[] bytes = m.group(1).split(",");
            String shown = bytes.length <= VECTOR_SHOWN + 1
                    ? m.group()
                    : "vector[" + String.join(",", Arrays.copyOf(bytes, VECTOR_SHOWN)) + ",...(" + bytes.length
                            + " bytes)]";
            m.appendReplacement(out, Matcher.quoteReplacement(shown));
        }
        m.appendTail(out);
        return out.toString();
    }

    private void write(JsonElement element, StringBuilder out, String indent) {
        if (element instanceof JsonObject object) {
            writeObject(object, out, indent);
        } else if (element instanceof JsonArray array) {
            writeArray(array, out, indent);
        } else {
            out.append(scalar(element));
        }
    }

    private void writeObject(JsonObject object, StringBuilder out, String indent) {
        if (object.size() == 0) {
            out.append("{}");
            return;
        }
        String flat = flat(object);
        if (flat != null && indent.length() + flat.length() <= LINE) {
            out.append(flat);
            return;
        }
        out.append("{\n");
        int i = 0;
        for (Map.Entry<String, JsonElement> member : object.entrySet()) {
            out.append(indent)
                    .append(INDENT)
                    .append(new JsonPrimitive(member.getKey()))
                    .append(": ");
            write(member.getValue(), out, indent + INDENT);
            out.append(++i < object.size() ? ",\n" : "\n");
        }
        out.append(indent).append('}');
    }

    private void writeArray(JsonArray array, StringBuilder out, String indent) {
        if (array.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append("[\n");
        for (int i = 0; i < array.size(); i++) {
            out.append(indent).append(INDENT);
            write(array.get(i), out, indent + INDENT);
            out.append(i + 1 < array.size() ? ",\n" : "\n");
        }
        out.append(indent).append(']');
    }

    /** {@code {"a": 1, "b": "x"}} when every member is a scalar, else null. */
    private String flat(JsonObject object) {
        StringBuilder line = new StringBuilder("{");
        for (Map.Entry<String, JsonElement> member : object.entrySet()) {
            if (member.getValue().isJsonObject() || member.getValue().isJsonArray()) {
                return null;
            }
            if (line.length() > 1) {
                line.append(", ");
            }
            line.append(new JsonPrimitive(member.getKey())).append(": ").append(scalar(member.getValue()));
        }
        return line.append('}').toString();
    }

    private String scalar(JsonElement element) {
        if (element instanceof JsonPrimitive primitive && primitive.isString()) {
            return new JsonPrimitive(shorten(primitive.getAsString())).toString();
        }
        return element.toString();
    }
}
