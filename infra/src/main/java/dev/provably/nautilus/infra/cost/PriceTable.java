package dev.provably.nautilus.infra.cost;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The dated price table {@code prices.tsv} beside this class: item, USD, unit; headers {@code # as-of:} and {@code # region:}. */
public record PriceTable(String asOf, String region, Map<String, BigDecimal> prices) {
    private static final String RESOURCE = "prices.tsv";

    public PriceTable {
        prices = Map.copyOf(prices);
    }

    public static PriceTable load() {
        var in = PriceTable.class.getResourceAsStream(RESOURCE);
        Objects.requireNonNull(in, "missing resource " + RESOURCE);
        String asOf = null;
        String region = null;
        var prices = new LinkedHashMap<String, BigDecimal>();
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.startsWith("# as-of:")) {
                    asOf = line.substring("# as-of:".length()).trim();
                } else if (line.startsWith("# region:")) {
                    region = line.substring("# region:".length()).trim();
                } else if (!line.isBlank() && !line.startsWith("#")) {
                    var cells = line.split("\t");
                    if (cells.length != 3 || prices.put(cells[0], new BigDecimal(cells[1])) != null) {
                        throw new IllegalStateException(
                                RESOURCE + ":" + number + ": expected a new 'item<TAB>usd<TAB>unit'");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (asOf == null || region == null) {
            throw new IllegalStateException(RESOURCE + " must state '# as-of:' and '# region:'");
        }
        return new PriceTable(asOf, region, prices);
    }

    public Optional<BigDecimal> find(String item) {
        return Optional.ofNullable(prices.get(item));
    }

    public BigDecimal get(String item) {
        return find(item).orElseThrow(() -> new IllegalStateException(RESOURCE + " has no " + item));
    }
}
