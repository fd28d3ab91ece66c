package dev.provably.nautilus.enclave.client;

import dev.provably.nautilus.gate.GateOutputLine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a run expects the gate to have said, response by response: {@code accepted} or a rejection
 * reason (e.g. {@code USER_DATA_MISMATCH}). Compares the parsed gate output with it and prints one
 * row per response, so a script checks the gate's verdicts through the one parser of its output
 * ({@link GateOutputPrinter#parse}), not a pattern over JSON text.
 */
public record GateExpectations(List<String> outcomes) {
    private static final Pattern OUTCOME = Pattern.compile("accepted|[A-Z][A-Z_]{1,63}");

    public GateExpectations {
        outcomes = List.copyOf(outcomes);
        if (outcomes.isEmpty()) {
            throw new IllegalArgumentException("expect at least one outcome");
        }
        for (String outcome : outcomes) {
            if (!OUTCOME.matcher(outcome).matches()) {
                throw new IllegalArgumentException("an outcome is accepted or a reason code, got " + outcome);
            }
        }
    }

    /** {@code accepted,USER_DATA_MISMATCH,REPLAYED}. */
    public static GateExpectations parse(String commaSeparated) {
        return new GateExpectations(
                Arrays.stream(commaSeparated.split(",", -1)).map(String::strip).toList());
    }

    /** Prints the comparison table; returns how many responses differ (a missing or extra one counts). */
    public int check(List<GateOutputLine> results, PrintStream out) {
        out.printf("%n%-16s %-22s %-22s %s%n", "response", "expected", "gate said", "");
        int differences = 0;
        for (int i = 0; i < Math.max(outcomes.size(), results.size()); i++) {
            String want = i < outcomes.size() ? outcomes.get(i) : "(none)";
            String file = i < results.size() ? fileName(results.get(i).file()) : "(missing)";
            String have = i < results.size() ? said(results.get(i)) : "(missing)";
            boolean same = want.equals(have);
            differences += same ? 0 : 1;
            out.printf("%-16s %-22s %-22s %s%n", file, want, have, same ? "ok" : "MISMATCH");
        }
        out.flush();
        return differences;
    }

    private static String said(GateOutputLine result) {
        return result.accepted() ? "accepted" : result.reason().orElseThrow();
    }

    private static String fileName(String file) {
        Path name = Path.of(file).getFileName();
        return name == null ? file : name.toString();
    }
}
