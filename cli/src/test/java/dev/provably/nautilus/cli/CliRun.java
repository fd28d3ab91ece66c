package dev.provably.nautilus.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** One run of the tool through {@link Main#run}, with what it printed. */
record CliRun(int exit, String out, String err) {

    static CliRun of(String... args) {
        return withInput(new byte[0], args);
    }

    /** A run with {@code stdin} on standard input. */
    static CliRun withInput(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = Main.run(args, new java.io.ByteArrayInputStream(stdin), o, e);
        }
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Standard output as JSON objects, one per line. */
    List<JsonObject> lines() {
        return out.lines()
                .map(line -> JsonParser.parseString(line).getAsJsonObject())
                .collect(Collectors.toList());
    }

    /** The only output line (fails when there is not exactly one). */
    JsonObject line() {
        List<JsonObject> lines = lines();
        if (lines.size() != 1) {
            throw new AssertionError("expected one line, got " + lines.size() + ":\n" + out + err);
        }
        return lines.get(0);
    }

    /** The {@code reason} of the only line, or "valid". */
    String verdict() {
        JsonObject line = line();
        return line.get("accepted").getAsBoolean()
                ? "valid"
                : line.get("reason").getAsString();
    }
}
