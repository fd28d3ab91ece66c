package dev.provably.nautilus.enclave.host;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeoutException;

/**
 * Health from {@code nitro-cli describe-enclaves}: a JSON array; healthy when an enclave is in
 * state RUNNING with the expected vCPU count and memory (when expectations are set).
 */
public final class NitroCliProbe implements EnclaveProbe {
    public static final List<String> DEFAULT_COMMAND = List.of("nitro-cli", "describe-enclaves");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final List<String> command;
    private final Duration timeout;
    private final OptionalLong expectCpus;
    private final OptionalLong expectMemoryMib;

    public NitroCliProbe(
            List<String> command, Duration timeout, OptionalLong expectCpus, OptionalLong expectMemoryMib) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("the describe command must not be empty");
        }
        this.command = List.copyOf(command);
        this.timeout = timeout;
        this.expectCpus = expectCpus;
        this.expectMemoryMib = expectMemoryMib;
    }

    @Override
    public ProbeResult probe() {
        CommandRunner.Result result;
        try {
            result = CommandRunner.run(command, timeout);
        } catch (TimeoutException e) {
            return ProbeResult.unhealthy(e.getMessage());
        } catch (IOException e) {
            return ProbeResult.unhealthy("cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.unhealthy("interrupted while running " + command.get(0));
        }
        if (result.exitCode() != 0) {
            return ProbeResult.unhealthy(
                    command.get(0) + " exited with status " + result.exitCode() + firstLine(result.stderr()));
        }
        return evaluate(result.stdout());
    }

    ProbeResult evaluate(String output) {
        JsonArray enclaves;
        try {
            JsonElement parsed = JsonParser.parseString(output);
            if (!parsed.isJsonArray()) {
                return ProbeResult.unhealthy(command.get(0) + " did not print a JSON array");
            }
            enclaves = parsed.getAsJsonArray();
        } catch (JsonParseException e) {
            return ProbeResult.unhealthy(command.get(0) + " printed invalid JSON");
        }
        if (enclaves.isEmpty()) {
            return ProbeResult.unhealthy("no enclave is running");
        }
        JsonObject running = null;
        String seen = null;
        for (JsonElement element : enclaves) {
            if (!element.isJsonObject()) {
                return ProbeResult.unhealthy(command.get(0) + " listed an entry that is not an object");
            }
            JsonObject enclave = element.getAsJsonObject();
            String state = string(enclave, "State");
            if ("RUNNING".equalsIgnoreCase(state)) {
                running = enclave;
                break;
            }
            seen = state;
        }
        if (running == null) {
            return ProbeResult.unhealthy("no enclave is RUNNING (state " + seen + ")");
        }
        Long cpus = number(running, "NumberOfCPUs");
        Long memory = number(running, "MemoryMiB");
        if (expectCpus.isPresent() && (cpus == null || cpus != expectCpus.getAsLong())) {
            return ProbeResult.unhealthy("enclave has " + cpus + " vCPUs, expected " + expectCpus.getAsLong());
        }
        if (expectMemoryMib.isPresent() && (memory == null || memory != expectMemoryMib.getAsLong())) {
            return ProbeResult.unhealthy("enclave has " + memory + " MiB, expected " + expectMemoryMib.getAsLong());
        }
        JsonObject summary = new JsonObject();
        summary.addProperty("name", string(running, "EnclaveName"));
        summary.addProperty("id", string(running, "EnclaveID"));
        summary.addProperty("cid", number(running, "EnclaveCID"));
        summary.addProperty("state", string(running, "State"));
        summary.addProperty("cpus", cpus);
        summary.addProperty("memoryMiB", memory);
        summary.addProperty("flags", string(running, "Flags"));
        if (running.get("Measurements") instanceof JsonObject measurements) {
            summary.add("measurements", measurements.deepCopy());
        }
        return ProbeResult.healthy(summary);
    }

    private static String string(JsonObject object, String name) {
        JsonElement value = object.get(name);
        return value != null && value.isJsonPrimitive() ? value.getAsString() : null;
    }

    private static Long number(JsonObject object, String name) {
        JsonElement value = object.get(name);
        if (value == null
                || !value.isJsonPrimitive()
                || !value.getAsJsonPrimitive().isNumber()) {
            return null;
        }
        try {
            return value.getAsBigDecimal().longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        if (line.isEmpty()) {
            return "";
        }
        return ": " + (line.length() > 200 ? line.substring(0, 200) + "…" : line);
    }
}
