package dev.provably.nautilus.gate;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.provably.nautilus.report.IntentMessage;
import dev.provably.nautilus.report.ReportJson;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the response's {@code report} JSON, a convenience view, with {@link ReportJson#view} of
 * the report decoded from the signed bytes. A view that differs in any member, or has members the
 * signed report does not, is refused: a client showing the view would otherwise show something
 * unsigned.
 */
final class ReportView {
    private ReportView() {}

    /** Throws a description of the first difference, or returns if the view is exact. */
    static void check(JsonElement view, IntentMessage signed) throws StrictJson.ShapeException {
        Optional<String> difference = firstDifference("report", view, ReportJson.view(signed));
        if (difference.isPresent()) {
            throw new StrictJson.ShapeException(difference.get());
        }
    }

    private static Optional<String> firstDifference(String path, JsonElement shown, JsonElement signed) {
        if (signed.isJsonObject()) {
            if (!shown.isJsonObject()) {
                return Optional.of(path + " must be an object");
            }
            JsonObject a = shown.getAsJsonObject();
            JsonObject b = signed.getAsJsonObject();
            Set<String> keys = new TreeSet<>(a.keySet());
            keys.addAll(b.keySet());
            for (String key : keys) {
                if (!b.has(key)) {
                    return Optional.of(path + "." + StrictJson.excerpt(key) + " is not in the signed report");
                }
                if (!a.has(key)) {
                    return Optional.of(path + "." + key + " is missing");
                }
                Optional<String> inner = firstDifference(path + "." + key, a.get(key), b.get(key));
                if (inner.isPresent()) {
                    return inner;
                }
            }
            return Optional.empty();
        }
        if (signed.isJsonArray()) {
            if (!shown.isJsonArray()) {
                return Optional.of(path + " must be an array");
            }
            JsonArray a = shown.getAsJsonArray();
            JsonArray b = signed.getAsJsonArray();
            if (a.size() != b.size()) {
                return Optional.of(path + " has " + a.size() + " elements, the signed report " + b.size());
            }
            for (int i = 0; i < a.size(); i++) {
                Optional<String> inner = firstDifference(path + "[" + i + "]", a.get(i), b.get(i));
                if (inner.isPresent()) {
                    return inner;
                }
            }
            return Optional.empty();
        }
        // Primitives: a number must be the same number, a string the same string (1 and "1" differ).
        if (!shown.isJsonPrimitive() || !same(shown, signed)) {
            return Optional.of(path + " " + render(shown) + " differs from the signed " + render(signed));
        }
        return Optional.empty();
    }

    /** Numbers as they are, strings (and anything else) quoted and cut by {@link StrictJson#excerpt}. */
    private static String render(JsonElement e) {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            return e.getAsString();
        }
        return StrictJson.excerpt(e.isJsonPrimitive() ? e.getAsString() : e.toString());
    }

    private static boolean same(JsonElement shown, JsonElement signed) {
        var a = shown.getAsJsonPrimitive();
        var b = signed.getAsJsonPrimitive();
        if (b.isNumber()) {
            return a.isNumber() && a.getAsBigDecimal().compareTo(b.getAsBigDecimal()) == 0;
        }
        return a.isString() == b.isString() && a.getAsString().equals(b.getAsString());
    }
}
