package dev.provably.nautilus.infra.config;

import java.util.List;
import java.util.Optional;

/** Where the hosts live and who may reach them. */
public record NetworkSettings(
        String region,
        int zoneCount,
        LoadBalancing loadBalancing,
        List<Ipv4Cidr> sshCidrs,
        Optional<String> sshKeyName,
        List<Ipv4Cidr> apiCidrs,
        List<Ipv4Cidr> healthCidrs,
        int apiPort,
        int healthPort,
        boolean enableSsm) {

    public static final String VPC_CIDR = "10.0.0.0/16";
    /** The first public subnet; zone i gets 10.0.(i+1).0/24. */
    public static final String PUBLIC_SUBNET_CIDR = "10.0.1.0/24";

    public static final int MIN_ZONES = 2;
    public static final int MAX_ZONES = 6;
    public static final int SSH_PORT = 22;

    public NetworkSettings {
        sshCidrs = List.copyOf(sshCidrs);
        apiCidrs = List.copyOf(apiCidrs);
        healthCidrs = List.copyOf(healthCidrs);
    }

    /** The public subnet of zone {@code index} (0-based). */
    public static String publicSubnetCidr(int index) {
        return "10.0." + (index + 1) + ".0/24";
    }

    /** SSH ingress exists only when at least one admin CIDR is configured. */
    public boolean sshEnabled() {
        return !sshCidrs.isEmpty();
    }
}
