package dev.provably.nautilus.enclave.host;

import dev.provably.nautilus.enclave.client.HealthProbe;
import java.net.URI;
import java.time.Duration;

/**
 * Health of a local-mode enclave: its own {@code /health} through the one {@link HealthProbe} (bounded
 * body, deadlines), which must say {@code status ok}; the enclave's answer becomes the host's
 * {@code enclave} member, a failure its {@code reason}.
 */
public final class LocalEnclaveProbe implements EnclaveProbe {
    public static final Duration DEFAULT_TIMEOUT = HealthProbe.DEFAULT_TIMEOUT;

    private final URI health;
    private final HealthProbe probe;

    public LocalEnclaveProbe(URI enclaveUrl, Duration timeout) {
        String base = enclaveUrl.toString().replaceAll("/+$", "");
        this.health = URI.create(base + "/health");
        this.probe = HealthProbe.withTimeout(timeout);
    }

    @Override
    public ProbeResult probe() {
        HealthProbe.Health seen = probe.check(health, "ok");
        return seen.healthy()
                ? ProbeResult.healthy(seen.body())
                : ProbeResult.unhealthy("enclave at " + health + ": " + seen.summary());
    }
}
