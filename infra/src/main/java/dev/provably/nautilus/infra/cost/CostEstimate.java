package dev.provably.nautilus.infra.cost;

import dev.provably.nautilus.infra.config.LoadBalancing;
import dev.provably.nautilus.infra.config.Market;
import dev.provably.nautilus.infra.config.StackSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A monthly cost estimate of a stack from {@link PriceTable}: the desired hosts at the configured
 * market (the on-demand base at on-demand, the rest at the spot fraction), their root volumes and
 * public IPv4 addresses, the load balancer, log ingestion and alarms. An order of magnitude for
 * comparing configurations, not a bill: the table says its date and limits.
 */
public final class CostEstimate {
    /** Alarms the stack creates: capacity, enclave health, and unhealthy targets behind a load balancer. */
    private static final int ALARMS_WITH_NLB = 3;

    private static final int ALARMS_SINGLE_HOST = 2;

    private CostEstimate() {}

    /** The {@code monthlyCostEstimate} output: items and total in USD, and the table's provenance. */
    public static Map<String, Object> of(StackSettings settings, PriceTable prices) {
        var host = settings.host();
        var hours = prices.get("hours-per-month");
        var type = host.instanceType().name();
        var onDemandHour = prices.find("ondemand:" + type).orElse(null);
        var items = new LinkedHashMap<String, BigDecimal>();
        if (onDemandHour != null) {
            int onDemandHosts = host.market() instanceof Market.Spot spot
                    ? Math.min(spot.onDemandBaseCapacity(), host.desired())
                    : host.desired();
            int spotHosts = host.desired() - onDemandHosts;
            var instances = onDemandHour
                    .multiply(hours)
                    .multiply(BigDecimal.valueOf(onDemandHosts))
                    .add(onDemandHour
                            .multiply(prices.get("spot-discount"))
                            .multiply(hours)
                            .multiply(BigDecimal.valueOf(spotHosts)));
            items.put("instances", instances);
        }
        items.put(
                "rootVolumes",
                prices.get("gp3-gb-month")
                        .multiply(BigDecimal.valueOf((long) host.rootVolumeSizeGb() * host.desired())));
        boolean nlb = settings.network().loadBalancing() instanceof LoadBalancing.Nlb;
        // Each host has a public IPv4 address; single-host mode's Elastic IP replaces the host's own.
        int addresses = host.desired();
        items.put("publicIpv4", prices.get("public-ipv4-hour").multiply(hours).multiply(BigDecimal.valueOf(addresses)));
        if (nlb) {
            items.put(
                    "loadBalancer",
                    prices.get("nlb-hour").add(prices.get("nlb-lcu-hour")).multiply(hours));
        }
        items.put("logs", prices.get("logs-gb-ingested").multiply(BigDecimal.valueOf(host.desired())));
        if (settings.observability().enableAlarms()) {
            items.put(
                    "alarms",
                    prices.get("alarm-month").multiply(BigDecimal.valueOf(nlb ? ALARMS_WITH_NLB : ALARMS_SINGLE_HOST)));
        }

        var out = new LinkedHashMap<String, Object>();
        var total = items.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (onDemandHour != null) {
            out.put("totalUsdPerMonth", round(total));
        }
        var rounded = new LinkedHashMap<String, Object>();
        items.forEach((k, v) -> rounded.put(k, round(v)));
        out.put("itemsUsdPerMonth", Collections.unmodifiableMap(rounded));
        out.put("pricesAsOf", prices.asOf());
        out.put("priceRegion", prices.region());
        var notes = new StringBuilder("list prices from infra's dated price table; spot at "
                + prices.get("spot-discount").toPlainString() + " of on-demand");
        if (onDemandHour == null) {
            notes.append("; no price for ").append(type).append(" in the table, so no instance cost and no total");
        }
        if (!settings.network().region().equals(prices.region())) {
            notes.append("; the stack's region ")
                    .append(settings.network().region())
                    .append(" is estimated at ")
                    .append(prices.region())
                    .append(" prices");
        }
        out.put("notes", notes.toString());
        return Collections.unmodifiableMap(out);
    }

    private static double round(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP).doubleValue();
    }
}
