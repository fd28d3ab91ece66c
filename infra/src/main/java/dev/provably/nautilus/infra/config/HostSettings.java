package dev.provably.nautilus.infra.config;

import java.util.Optional;

/** The EC2 parent instances. */
public record HostSettings(
        NitroInstanceType instanceType,
        int count,
        Optional<String> amiId,
        Market market,
        int rootVolumeSizeGb,
        boolean detailedMonitoring,
        boolean useElasticIp) {
}
