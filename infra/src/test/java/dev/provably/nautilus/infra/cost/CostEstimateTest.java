package dev.provably.nautilus.infra.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provably.nautilus.infra.config.ConfigMaps;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CostEstimateTest {
    private final PriceTable prices = PriceTable.load();

    @Test
    @DisplayName("the price table states its date and region")
    void dated() {
        assertEquals("2026-12-03", prices.asOf());
        assertEquals("us-east-1", prices.region());
    }

    @Test
    @DisplayName(
            "dev (single host, spot c6a.xlarge): spot hours, volume, one public IPv4, logs, two alarms; no load balancer")
    @SuppressWarnings("unchecked")
    void dev() {
        var estimate = CostEstimate.of(ConfigMaps.parse(ConfigMaps.stackFile("Pulumi.dev.yaml"), "dev"), prices);
        var items = (Map<String, Object>) estimate.get("itemsUsdPerMonth");
        assertEquals(
                Map.of("instances", 39.09, "rootVolumes", 2.4, "publicIpv4", 3.65, "logs", 0.5, "alarms", 0.2), items);
        assertEquals(45.84, estimate.get("totalUsdPerMonth"));
        assertEquals("2026-12-03", estimate.get("pricesAsOf"));
    }

    @Test
    @DisplayName(
            "prod example (2 hosts, 1 on-demand base): one host on-demand, one on spot, the load balancer, three alarms")
    @SuppressWarnings("unchecked")
    void prod() {
        var estimate = CostEstimate.of(ConfigMaps.parse(ConfigMaps.stackFile("Pulumi.prod.yaml"), "prod"), prices);
        var items = (Map<String, Object>) estimate.get("itemsUsdPerMonth");
        assertEquals(
                Map.of(
                        "instances",
                        150.78,
                        "rootVolumes",
                        4.8,
                        "publicIpv4",
                        7.3,
                        "loadBalancer",
                        20.81,
                        "logs",
                        1.0,
                        "alarms",
                        0.3),
                items);
        assertEquals(184.99, estimate.get("totalUsdPerMonth"));
    }

    @Test
    @DisplayName("a type or region the table lacks is said so, never priced as something else")
    void unknown() {
        var estimate = CostEstimate.of(
                ConfigMaps.parse(
                        ConfigMaps.with(ConfigMaps.minimal(), "aws:region", "eu-west-1", "instanceType", "r6i.xlarge")),
                prices);
        assertFalse(estimate.containsKey("totalUsdPerMonth"));
        var notes = (String) estimate.get("notes");
        assertTrue(notes.contains("no price for r6i.xlarge"), notes);
        assertTrue(notes.contains("eu-west-1 is estimated at us-east-1 prices"), notes);
    }
}
