package dev.provably.nautilus.enclave.client;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.provably.nautilus.gate.GateOutputLine;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Shows the verifier's {@code gate} output (one JSON object per response and line) for a person:
 * each accepted report decoded, with its Sui submission (registration, report call, the {@code sui
 * client ptb} commands with their long byte vectors shortened), and each rejection with its reason.
 */
public final class GateOutputPrinter {
    private static final PrettyJson PRETTY = new PrettyJson(100);

    private GateOutputPrinter() {}

    /** The whole Sui submission payload of an accepted line run with {@code --sui}, pretty-printed. */
    public static Optional<String> suiPayload(GateOutputLine line) {
        return line.sui()
                .map(sui -> new GsonBuilder()
                                .setPrettyPrinting()
                                .disableHtmlEscaping()
                                .create()
                                .toJson(sui) + "\n");
    }

    /** Parses the gate's output; every non-empty line must be a gate result. */
    public static List<GateOutputLine> parse(List<String> lines) throws LocalClientException {
        List<GateOutputLine> results = new ArrayList<>();
        int number = 0;
        for (String text : lines) {
            number++;
            if (text.isBlank()) {
                continue;
            }
            try {
                results.add(GateOutputLine.parse(text));
            } catch (GateOutputLine.Malformed e) {
                throw new LocalClientException(
                        "line " + number + " of the gate output is not a gate result: " + e.getMessage(), e);
            }
        }
        return results;
    }

    public static void print(List<GateOutputLine> results, PrintStream out) {
        for (GateOutputLine result : results) {
            if (result.accepted()) {
                printAccepted(result, out);
            } else {
                out.println("REJECTED  " + result.file());
                out.println("  reason  " + result.reason().orElseThrow());
                out.println("  detail  " + result.detail().orElseThrow());
            }
            out.println();
        }
        out.flush();
    }

    private static void printAccepted(GateOutputLine line, PrintStream out) {
        out.println("ACCEPTED  " + line.file());
        out.println("  report (decoded from the signed reportBcs; the JSON view matched it):");
        out.println(indent(PRETTY.format(line.report().orElseThrow()), "    "));
        out.println("  enclave key " + line.publicKey().orElseThrow() + ", module "
                + line.moduleId().orElseThrow());
        out.println("  attested at "
                + Instant.ofEpochMilli(line.attestationTimestamp().orElseThrow()));
        Optional<JsonObject> suiPayload = line.sui();
        if (suiPayload.isEmpty()) {
            out.println("  (no Sui payload: run the gate with --sui)");
            return;
        }
        JsonObject sui = suiPayload.get();
        if (sui.get("registration") instanceof JsonObject registration) {
            if (registration.get("alreadyRegistered") instanceof JsonPrimitive done
                    && done.isBoolean()
                    && done.getAsBoolean()) {
                out.println("  Sui: this enclave key is already registered (the backend's record): no registration");
            } else {
                out.println("  Sui, once per enclave identity: register the enclave (before "
                        + string(registration, "registerBefore") + "):");
                out.println(indent(PRETTY.format(registration), "    "));
            }
        }
        if (sui.get("report") instanceof JsonObject report) {
            out.println("  Sui, per report: the submit_report call:");
            out.println(indent(PRETTY.format(report), "    "));
        }
        if (sui.get("ptb") instanceof JsonObject ptb) {
            out.println("  Sui CLI (byte vectors shortened here; the gate output holds them whole):");
            for (String name : List.of("registration", "report")) {
                String command = string(ptb, name);
                if (command != null) {
                    out.println("    # " + name);
                    out.println(indent(PrettyJson.shortenVectors(command), "    "));
                }
            }
        }
    }

    private static String indent(String text, String prefix) {
        return prefix + text.replace("\n", "\n" + prefix);
    }

    private static String string(JsonObject object, String member) {
        return object.get(member) instanceof JsonPrimitive primitive && primitive.isString()
                ? primitive.getAsString()
                : null;
    }
}
