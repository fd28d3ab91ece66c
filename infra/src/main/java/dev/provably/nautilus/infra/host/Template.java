package dev.provably.nautilus.infra.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text file from this package's resources with {@code {{name}}} placeholders. Rendering is strict:
 * every placeholder needs a value, every value must be used, scalar values are limited to characters
 * that are inert in shell single quotes, systemd units, YAML and JSON, and a block (a whole file
 * embedded in another) must sit alone on its line.
 */
final class Template {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z][A-Za-z0-9]*)}}");
    private static final Pattern SAFE_SCALAR = Pattern.compile("[A-Za-z0-9 ._:/@=+,#-]*");

    private final String name;
    private final String text;

    private Template(String name, String text) {
        this.name = name;
        this.text = text;
    }

    static Template load(String resource) {
        try (InputStream in = Template.class.getResourceAsStream(resource)) {
            Objects.requireNonNull(in, "missing template resource " + resource);
            return new Template(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the template has a {@code {{key}}} placeholder. */
    boolean mentions(String key) {
        return text.contains("{{" + key + "}}");
    }

    String render(Map<String, String> scalars) {
        return render(scalars, Map.of());
    }

    String render(Map<String, String> scalars, Map<String, String> blocks) {
        for (var entry : scalars.entrySet()) {
            if (!SAFE_SCALAR.matcher(entry.getValue()).matches()) {
                throw new IllegalArgumentException(name + ": value of " + entry.getKey()
                        + " has characters that are unsafe in a rendered host file: " + entry.getValue());
            }
            if (blocks.containsKey(entry.getKey())) {
                throw new IllegalArgumentException(name + ": " + entry.getKey() + " is both a scalar and a block");
            }
        }
        var used = new HashSet<String>();
        var missing = new TreeSet<String>();
        Matcher m = PLACEHOLDER.matcher(text);
        var out = new StringBuilder();
        while (m.find()) {
            var key = m.group(1);
            String value;
            if (scalars.containsKey(key)) {
                value = scalars.get(key);
            } else if (blocks.containsKey(key)) {
                if (!aloneOnLine(m)) {
                    throw new IllegalArgumentException(name + ": block {{" + key + "}} must be alone on its line");
                }
                value = stripFinalNewline(blocks.get(key));
            } else {
                missing.add(key);
                continue;
            }
            used.add(key);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(name + ": no value for " + missing);
        }
        var unused = new TreeSet<String>(scalars.keySet());
        unused.addAll(blocks.keySet());
        unused.removeAll(used);
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException(name + ": values not used by the template: " + unused);
        }
        return out.toString();
    }

    private boolean aloneOnLine(Matcher m) {
        boolean startsLine = m.start() == 0 || text.charAt(m.start() - 1) == '\n';
        boolean endsLine = m.end() == text.length() || text.charAt(m.end()) == '\n';
        return startsLine && endsLine;
    }

    private static String stripFinalNewline(String block) {
        return block.endsWith("\n") ? block.substring(0, block.length() - 1) : block;
    }
}
