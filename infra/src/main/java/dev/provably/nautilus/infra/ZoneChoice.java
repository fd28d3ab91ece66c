package dev.provably.nautilus.infra;

import java.util.List;

/** Picks the availability zones from an instance-type offering lookup. */
final class ZoneChoice {
    private ZoneChoice() {}

    /**
     * The first {@code wanted} zones in name order.
     *
     * @throws IllegalStateException when fewer zones offer the type, naming the type and what was found
     */
    static List<String> first(List<String> offered, int wanted, String type, String region) {
        var zones = offered.stream().distinct().sorted().toList();
        if (zones.size() < wanted) {
            throw new IllegalStateException(type + " is offered in " + zones.size() + " zone(s) of " + region + " "
                    + zones + ", but zoneCount is " + wanted + "; choose another instanceType or region");
        }
        return zones.subList(0, wanted);
    }
}
