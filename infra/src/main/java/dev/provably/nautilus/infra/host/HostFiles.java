package dev.provably.nautilus.infra.host;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the parent instance is given: the cloud-init user data script, and each file it installs
 * (path on the host to content), kept separately so they can be inspected and linted one by one.
 */
public record HostFiles(String userData, Map<String, String> files) {

    public HostFiles {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    public String file(String path) {
        var content = files.get(path);
        if (content == null) {
            throw new IllegalArgumentException("no host file " + path + "; have " + files.keySet());
        }
        return content;
    }
}
