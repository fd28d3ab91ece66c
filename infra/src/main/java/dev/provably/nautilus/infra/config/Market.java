package dev.provably.nautilus.infra.config;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * How the Auto Scaling group buys its hosts. The group owns the spot lifecycle (one-time requests
 * it replaces itself), so no persistent spot request exists anywhere.
 */
public sealed interface Market {

    record OnDemand() implements Market {}

    /**
     * Spot above an always-on-demand base, {@code price-capacity-optimized} over the same-shape
     * types; no max price unless configured (EC2 then caps at the on-demand price).
     */
    record Spot(int onDemandBaseCapacity, Optional<BigDecimal> maxPricePerHour) implements Market {
        /** The max price as the Auto Scaling API takes it, e.g. {@code 0.25}. */
        public Optional<String> maxPrice() {
            return maxPricePerHour.map(BigDecimal::toPlainString);
        }
    }
}
