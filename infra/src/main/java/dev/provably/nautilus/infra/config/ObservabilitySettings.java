package dev.provably.nautilus.infra.config;

import java.util.Optional;

/** Logs and alarms. */
public record ObservabilitySettings(
        String logGroupName,
        int logRetentionDays,
        boolean enableAlarms,
        Optional<String> alarmTopicArn,
        Optional<String> alarmEmail) {

    /** Custom metric namespace of the health probe. */
    public static final String METRIC_NAMESPACE = "Nautilus";
    /** 1 when the host's /health answered {"status":"healthy"}, else 0. */
    public static final String HEALTH_METRIC = "EnclaveHealthy";
    /** The probe publishes the metric per stack (the alarm's dimension) and per instance. */
    public static final String STACK_DIMENSION = "Stack";
}
