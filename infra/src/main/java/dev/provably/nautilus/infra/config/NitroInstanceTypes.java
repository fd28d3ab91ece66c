package dev.provably.nautilus.infra.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The explicit table of instance types this program accepts as enclave parents, loaded from
 * {@code nitro-instance-types.tsv} beside this class (the file names its sources). A type that is
 * not in the table is rejected, even if AWS supports it: add a row after checking it.
 */
public final class NitroInstanceTypes {
    private static final String RESOURCE = "nitro-instance-types.tsv";

    private final Map<String, NitroInstanceType> byName;

    private NitroInstanceTypes(Map<String, NitroInstanceType> byName) {
        this.byName = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    public static NitroInstanceTypes load() {
        var in = NitroInstanceTypes.class.getResourceAsStream(RESOURCE);
        Objects.requireNonNull(in, "missing resource " + RESOURCE);
        var rows = new LinkedHashMap<String, NitroInstanceType>();
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                var cells = line.trim().split("\\s+");
                if (cells.length != 3) {
                    throw new IllegalStateException(RESOURCE + ":" + number + ": expected 'type vcpus memoryMib'");
                }
                var type = new NitroInstanceType(cells[0], Integer.parseInt(cells[1]), Integer.parseInt(cells[2]));
                if (rows.put(type.name(), type) != null) {
                    throw new IllegalStateException(RESOURCE + ":" + number + ": duplicate " + type.name());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new NitroInstanceTypes(rows);
    }

    public Optional<NitroInstanceType> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** {@code type} followed by every other listed type with the same vCPUs and memory, in table order. */
    public List<NitroInstanceType> sameShape(NitroInstanceType type) {
        var out = new ArrayList<NitroInstanceType>();
        out.add(type);
        byName.values().stream()
                .filter(t ->
                        !t.name().equals(type.name()) && t.vcpus() == type.vcpus() && t.memoryMib() == type.memoryMib())
                .forEach(out::add);
        return List.copyOf(out);
    }

    /** Supported sizes of one family, smallest first, e.g. {@code xlarge, 2xlarge, ...}. */
    public String sizesOf(String family) {
        return byName.values().stream()
                .filter(t -> t.family().equals(family))
                .sorted((a, b) -> Integer.compare(a.vcpus(), b.vcpus()))
                .map(NitroInstanceType::size)
                .collect(Collectors.joining(", "));
    }

    /** Supported families in table order. */
    public String families() {
        return byName.values().stream()
                .map(NitroInstanceType::family)
                .distinct()
                .sorted()
                .collect(Collectors.joining(", "));
    }

    public int size() {
        return byName.size();
    }
}
