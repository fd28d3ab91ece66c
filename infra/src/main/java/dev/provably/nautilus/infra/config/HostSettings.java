package dev.provably.nautilus.infra.config;

import java.util.List;
import java.util.Optional;

/**
 * The EC2 parent instances, run by one Auto Scaling group. {@code instanceTypes} starts with the
 * configured type, followed by every other supported type of the same shape (vCPUs and memory), so
 * the same enclave sizing fits each.
 */
public record HostSettings(
        List<NitroInstanceType> instanceTypes,
        int desired,
        int min,
        int max,
        Optional<String> amiId,
        Market market,
        int rootVolumeSizeGb,
        boolean detailedMonitoring,
        int minHealthyPercentage) {

    public HostSettings {
        instanceTypes = List.copyOf(instanceTypes);
        if (instanceTypes.isEmpty()) {
            throw new IllegalArgumentException("at least one instance type");
        }
    }

    /** The configured type. */
    public NitroInstanceType instanceType() {
        return instanceTypes.get(0);
    }
}
