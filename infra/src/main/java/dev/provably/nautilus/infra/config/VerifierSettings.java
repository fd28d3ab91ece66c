package dev.provably.nautilus.infra.config;

/** What the backend's verifier should enforce, copied into the {@code backendConfig} output. */
public record VerifierSettings(String profile, int maxAgeSeconds, ExpectedAnalysis expectedAnalysis) {}
