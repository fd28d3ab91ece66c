package dev.provably.nautilus.c2pa.manifest;

import dev.provably.nautilus.c2pa.jumbf.SuperBox;
import java.util.Optional;

/**
 * Resolves {@code self#jumbf=} URIs: absolute ({@code /c2pa/<manifest>/...}) against the store,
 * relative ({@code c2pa.assertions/...}) against the manifest that holds the reference.
 */
public final class JumbfUri {
    private static final String PREFIX = "self#jumbf=";

    private JumbfUri() {}

    public static Optional<SuperBox> resolve(String uri, SuperBox store, SuperBox manifest) {
        if (!uri.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String path = uri.substring(PREFIX.length());
        SuperBox at;
        if (path.startsWith("/")) {
            String[] parts = path.substring(1).split("/", -1);
            if (parts.length < 1 || !parts[0].equals("c2pa")) {
                return Optional.empty();
            }
            at = store;
            return walk(at, parts, 1);
        }
        return walk(manifest, path.split("/", -1), 0);
    }

    /** The manifest label an absolute URI names ({@code self#jumbf=/c2pa/<label>...}), if any. */
    public static Optional<String> manifestLabel(String uri) {
        if (!uri.startsWith(PREFIX + "/c2pa/")) {
            return Optional.empty();
        }
        String rest = uri.substring((PREFIX + "/c2pa/").length());
        int slash = rest.indexOf('/');
        String label = slash < 0 ? rest : rest.substring(0, slash);
        return label.isEmpty() ? Optional.empty() : Optional.of(label);
    }

    private static Optional<SuperBox> walk(SuperBox at, String[] parts, int from) {
        for (int i = from; i < parts.length; i++) {
            if (parts[i].isEmpty() && i == parts.length - 1) {
                break; // a trailing slash names the box itself
            }
            Optional<SuperBox> next = at.child(parts[i]);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            at = next.get();
        }
        return Optional.of(at);
    }
}
