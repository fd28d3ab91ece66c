package dev.provably.nautilus.infra.config;

import java.util.Optional;

/** Logs and alarms. */
public record ObservabilitySettings(
        String logGroupName,
        int logRetentionDays,
        boolean enableAlarms,
        Optional<String> alarmTopicArn) {

    /** Custom metric namespace of the health probe. */
    public static final String METRIC_NAMESPACE = "Nautilus";
    /** 1 when the host's /health answered {"status":"healthy"}, else 0. */
    public static final String HEALTH_METRIC = "EnclaveHealthy";
}
