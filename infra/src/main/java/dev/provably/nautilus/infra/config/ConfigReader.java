package dev.provably.nautilus.infra.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Typed reads of config-strings with defaults from {@link ConfigKey}. A malformed value is recorded as
 * a problem and read as empty, so parsing goes on and every problem is reported at once.
 */
final class ConfigReader {
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,19}");

    private final RawConfig raw;
    private final String namespace;
    private final List<ConfigProblem> problems = new ArrayList<>();

    ConfigReader(RawConfig raw, String namespace) {
        this.raw = raw;
        this.namespace = namespace;
    }

    List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    String qualified(ConfigKey key) {
        return namespace + ":" + key.key();
    }

    void problem(ConfigKey key, String message) {
        problems.add(new ConfigProblem(qualified(key), message));
    }

    void problem(String qualifiedKey, String message) {
        problems.add(new ConfigProblem(qualifiedKey, message));
    }

    /** A string in another namespace, e.g. {@code aws:region}; records a problem when missing. */
    Optional<String> requiredForeign(String otherNamespace, String key, String hint) {
        var value = raw.get(otherNamespace, key).map(String::trim).filter(s -> !s.isEmpty());
        if (value.isEmpty()) {
            problem(otherNamespace + ":" + key, "is required; " + hint);
        }
        return value;
    }

    /** The value, or the default; empty when an optional string is not set or a required one is missing. */
    Optional<String> string(ConfigKey key) {
        var value = raw.get(namespace, key.key())
                .or(key::defaultValue)
                .map(String::trim)
                .filter(s -> !s.isEmpty());
        if (value.isEmpty() && key.required()) {
            problem(key, "is required: " + key.description());
        }
        return value;
    }

    Optional<Long> integer(ConfigKey key, long min, long max) {
        var text = string(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        var allowed = "allowed: an integer from " + min + " to " + max;
        if (!INTEGER.matcher(text.get()).matches()) {
            problem(key, "'" + text.get() + "' is not an integer; " + allowed);
            return Optional.empty();
        }
        long value;
        try {
            value = Long.parseLong(text.get());
        } catch (NumberFormatException e) {
            problem(key, "'" + text.get() + "' is out of range; " + allowed);
            return Optional.empty();
        }
        if (value < min || value > max) {
            problem(key, value + " is out of range; " + allowed);
            return Optional.empty();
        }
        return Optional.of(value);
    }

    Optional<Integer> intValue(ConfigKey key, int min, int max) {
        return integer(key, min, max).map(Long::intValue);
    }

    Optional<Boolean> bool(ConfigKey key) {
        var text = string(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        switch (text.get()) {
            case "true":
                return Optional.of(true);
            case "false":
                return Optional.of(false);
            default:
                problem(key, "'" + text.get() + "' is not a boolean; allowed: true or false");
                return Optional.empty();
        }
    }

    /** A JSON array of strings, the form Pulumi passes list-valued config in. */
    Optional<List<String>> stringList(ConfigKey key) {
        return stringList(key, "[\"203.0.113.0/24\"]");
    }

    /** As {@link #stringList(ConfigKey)}, naming {@code example} (a JSON list) in its problems. */
    Optional<List<String>> stringList(ConfigKey key, String example) {
        var text = string(key);
        if (text.isEmpty()) {
            // A missing required list is already a problem; an optional one defaults to empty.
            return key.required() ? Optional.empty() : Optional.of(List.of());
        }
        var shape = "allowed: a list of strings, e.g. " + example;
        JsonArray array;
        try {
            var element = JsonParser.parseString(text.get());
            if (!element.isJsonArray()) {
                problem(key, "'" + text.get() + "' is not a list; " + shape);
                return Optional.empty();
            }
            array = element.getAsJsonArray();
        } catch (JsonParseException e) {
            problem(key, "'" + text.get() + "' is not a list; " + shape);
            return Optional.empty();
        }
        var out = new ArrayList<String>();
        for (var item : array) {
            if (!item.isJsonPrimitive() || !item.getAsJsonPrimitive().isString()) {
                problem(key, "item " + item + " is not a string; " + shape);
                return Optional.empty();
            }
            out.add(item.getAsString().trim());
        }
        return Optional.of(List.copyOf(out));
    }
}
