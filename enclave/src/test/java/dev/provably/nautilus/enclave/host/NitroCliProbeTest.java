package dev.provably.nautilus.enclave.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Runs the fake nitro-cli script from the test resources, one scenario per test. */
class NitroCliProbeTest {

    static List<String> fakeNitroCli(String scenario) {
        try {
            Path script = Path.of(
                    NitroCliProbeTest.class.getResource("fake-nitro-cli.sh").toURI());
            return List.of("bash", script.toString(), scenario);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProbeResult probe(String scenario, OptionalLong cpus, OptionalLong memory) {
        return new NitroCliProbe(fakeNitroCli(scenario), Duration.ofSeconds(5), cpus, memory).probe();
    }

    @Test
    @DisplayName("a RUNNING enclave with the expected CPUs and memory is healthy, with its summary")
    void runningIsHealthy() {
        ProbeResult result = probe("running", OptionalLong.of(2), OptionalLong.of(1024));
        assertTrue(result.healthy(), result.reason());
        JsonObject enclave = result.enclave();
        assertEquals("RUNNING", enclave.get("state").getAsString());
        assertEquals(
                "i-0123456789abcdef0-enc0123456789abcdef", enclave.get("id").getAsString());
        assertEquals(16, enclave.get("cid").getAsInt());
        assertEquals(2, enclave.get("cpus").getAsInt());
        assertEquals(1024, enclave.get("memoryMiB").getAsInt());
        assertEquals("aa", enclave.getAsJsonObject("measurements").get("PCR0").getAsString());
    }

    @Test
    @DisplayName("without expectations any RUNNING enclave is healthy")
    void runningWithoutExpectations() {
        assertTrue(probe("running", OptionalLong.empty(), OptionalLong.empty()).healthy());
    }

    @Test
    @DisplayName("a CPU or memory allocation other than expected is unhealthy")
    void allocationMismatch() {
        ProbeResult cpus = probe("running", OptionalLong.of(4), OptionalLong.empty());
        assertFalse(cpus.healthy());
        assertEquals("enclave has 2 vCPUs, expected 4", cpus.reason());
        ProbeResult memory = probe("running", OptionalLong.of(2), OptionalLong.of(2048));
        assertFalse(memory.healthy());
        assertEquals("enclave has 1024 MiB, expected 2048", memory.reason());
    }

    @Test
    @DisplayName("an enclave that is not RUNNING is unhealthy")
    void notRunning() {
        ProbeResult result = probe("terminating", OptionalLong.empty(), OptionalLong.empty());
        assertFalse(result.healthy());
        assertEquals("no enclave is RUNNING (state TERMINATING)", result.reason());
    }

    @Test
    @DisplayName("an empty list means no enclave")
    void emptyList() {
        ProbeResult result = probe("empty", OptionalLong.empty(), OptionalLong.empty());
        assertFalse(result.healthy());
        assertEquals("no enclave is running", result.reason());
    }

    @Test
    @DisplayName("invalid JSON or a non-array is unhealthy, not an exception")
    void badJson() {
        assertEquals(
                "bash printed invalid JSON",
                probe("badjson", OptionalLong.empty(), OptionalLong.empty()).reason());
        assertEquals(
                "bash did not print a JSON array",
                probe("object", OptionalLong.empty(), OptionalLong.empty()).reason());
    }

    @Test
    @DisplayName("a failing command is unhealthy with its exit status and first stderr line")
    void commandFailure() {
        ProbeResult result = probe("fail", OptionalLong.empty(), OptionalLong.empty());
        assertFalse(result.healthy());
        assertEquals("bash exited with status 3: Error: could not connect to the enclave process", result.reason());
    }

    @Test
    @DisplayName("a command that hangs past the timeout is killed and reported")
    void commandHangs() {
        long start = System.nanoTime();
        ProbeResult result = new NitroCliProbe(
                        fakeNitroCli("hang"), Duration.ofMillis(300), OptionalLong.empty(), OptionalLong.empty())
                .probe();
        assertFalse(result.healthy());
        assertEquals("bash did not finish within 300 ms", result.reason());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0);
    }

    @Test
    @DisplayName("a command that does not exist is unhealthy")
    void missingCommand() {
        ProbeResult result = new NitroCliProbe(
                        List.of("/nonexistent/nitro-cli"),
                        Duration.ofSeconds(1),
                        OptionalLong.empty(),
                        OptionalLong.empty())
                .probe();
        assertFalse(result.healthy());
        assertTrue(result.reason().startsWith("cannot run /nonexistent/nitro-cli"), result.reason());
    }
}
