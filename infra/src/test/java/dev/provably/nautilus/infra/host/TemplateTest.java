package dev.provably.nautilus.infra.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TemplateTest {
    private final Template allocator = Template.load("allocator.yaml");

    @Test
    @DisplayName("placeholders are replaced by their values")
    void renders() {
        var text = allocator.render(Map.of("enclaveMemoryMib", "6144", "enclaveCpuCount", "2"));
        assertTrue(text.contains("memory_mib: 6144\ncpu_count: 2\n"), text);
    }

    @Test
    @DisplayName("a placeholder without a value is an error, not an empty string")
    void missingValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> allocator.render(Map.of("enclaveCpuCount", "2")));
        assertEquals("allocator.yaml: no value for [enclaveMemoryMib]", e.getMessage());
    }

    @Test
    @DisplayName("a value the template does not use is an error (catches misspelt names)")
    void unusedValue() {
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> allocator.render(Map.of("enclaveMemoryMib", "6144", "enclaveCpuCount", "2", "enclaveCpus", "2")));
        assertEquals("allocator.yaml: values not used by the template: [enclaveCpus]", e.getMessage());
    }

    @Test
    @DisplayName("scalar values that could break out of shell quotes, units or JSON are refused")
    void unsafeScalars() {
        for (var unsafe : new String[] {"6144'; rm -rf /", "$(id)", "`id`", "a\nb", "\"x\"", "a\\b", "{x}"}) {
            assertThrows(
                    IllegalArgumentException.class,
                    () -> allocator.render(Map.of("enclaveMemoryMib", unsafe, "enclaveCpuCount", "2")),
                    unsafe);
        }
    }

    @Test
    @DisplayName("a block (a whole embedded file) must stand alone on its line")
    void blocksOnTheirOwnLine() {
        var e = assertThrows(IllegalArgumentException.class, () -> Template.load("verify-eif-pcrs.sh")
                .render(Map.of("expectedPcr1", "", "expectedPcr2", ""), Map.of("expectedPcr0", "a\nb")));
        assertEquals("verify-eif-pcrs.sh: block {{expectedPcr0}} must be alone on its line", e.getMessage());
    }
}
