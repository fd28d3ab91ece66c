package dev.provably.nautilus.infra.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NitroInstanceTypesTest {
    private final NitroInstanceTypes table = NitroInstanceTypes.load();

    @Test
    @DisplayName("the table holds the default type and well-known sizes with their vCPUs and memory")
    void knownRows() {
        assertEquals(Optional.of(new NitroInstanceType("c6a.xlarge", 4, 8192)), table.find("c6a.xlarge"));
        assertEquals(Optional.of(new NitroInstanceType("c5.9xlarge", 36, 73728)), table.find("c5.9xlarge"));
        assertEquals(Optional.of(new NitroInstanceType("m5.xlarge", 4, 16384)), table.find("m5.xlarge"));
        assertEquals(Optional.of(new NitroInstanceType("r6i.32xlarge", 128, 1048576)), table.find("r6i.32xlarge"));
        assertEquals(Optional.empty(), table.find("t3.xlarge"));
        assertEquals(Optional.empty(), table.find("c6a.large"));
        assertEquals(Optional.empty(), table.find("c6g.xlarge"));
    }

    @Test
    @DisplayName("every row can host an enclave: at least 4 vCPUs, and memory per vCPU matching its family class")
    void everyRowIsConsistent() {
        var gibPerVcpu = Map.of('c', 2, 'm', 4, 'r', 8);
        assertTrue(table.size() > 100, "table size " + table.size());
        for (var family : table.families().split(", ")) {
            for (var size : table.sizesOf(family).split(", ")) {
                var type = table.find(family + "." + size).orElseThrow();
                assertTrue(type.vcpus() >= 4, type.name());
                assertEquals(gibPerVcpu.get(family.charAt(0)) * 1024 * type.vcpus(), type.memoryMib(), type.name());
            }
        }
    }

    @Test
    @DisplayName("sizes are listed smallest first, for error messages")
    void sizesInOrder() {
        assertEquals("xlarge, 2xlarge, 4xlarge, 9xlarge, 12xlarge, 18xlarge, 24xlarge", table.sizesOf("c5"));
        assertEquals("", table.sizesOf("t3"));
    }
}
