package dev.provably.nautilus.infra.config;

import java.math.BigDecimal;

/** How the hosts are bought. */
public sealed interface Market {

    record OnDemand() implements Market {
    }

    /**
     * A spot request. {@code stop} needs a persistent request (the instance is stopped and later
     * restarted); {@code terminate} uses a one-time request. EC2 does not allow hibernation with
     * enclaves, so that behaviour is not offered.
     */
    record Spot(BigDecimal maxPricePerHour, Interruption interruption) implements Market {
        public String requestType() {
            return interruption == Interruption.STOP ? "persistent" : "one-time";
        }

        /** The max price as EC2 takes it, e.g. {@code 0.10}. */
        public String maxPrice() {
            return maxPricePerHour.toPlainString();
        }
    }

    enum Interruption {
        STOP("stop"), TERMINATE("terminate");

        private final String value;

        Interruption(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }
}
