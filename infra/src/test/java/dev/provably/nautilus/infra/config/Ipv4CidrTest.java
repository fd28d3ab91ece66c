package dev.provably.nautilus.infra.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4CidrTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0.0.0.0/0",
                "10.0.0.0/8",
                "203.0.113.0/24",
                "198.51.100.7/32",
                "255.255.255.255/32",
                "128.0.0.0/1"
            })
    @DisplayName("canonical IPv4 CIDRs are accepted as written")
    void acceptsCanonical(String text) {
        var parsed = Ipv4Cidr.parse(text);
        assertEquals(Optional.of(new Ipv4Cidr(text)), parsed.cidr());
        assertEquals(Optional.empty(), parsed.error());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "10.0.0.0",
                "10.0.0/8",
                "10.0.0.0/",
                "a.b.c.d/8",
                "256.0.0.0/8",
                "10.0.0.00/32",
                "01.0.0.0/8",
                "10.0.0.0/33",
                "10.0.0.0/08",
                "10.0.0.1/24",
                "0.0.0.1/0",
                " 10.0.0.0/8",
                "::/0"
            })
    @DisplayName("anything else is refused with a reason")
    void refusesOthers(String text) {
        var parsed = Ipv4Cidr.parse(text);
        assertEquals(Optional.empty(), parsed.cidr());
        assertTrue(parsed.error().isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0/0"})
    @DisplayName("only 0.0.0.0/0 counts as anywhere")
    void anywhere(String text) {
        assertTrue(Ipv4Cidr.parse(text).cidr().orElseThrow().isAnywhere());
        assertFalse(Ipv4Cidr.parse("0.0.0.0/1").cidr().orElseThrow().isAnywhere());
    }
}
