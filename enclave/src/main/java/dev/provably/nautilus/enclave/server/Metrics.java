package dev.provably.nautilus.enclave.server;

import java.util.concurrent.atomic.AtomicLong;

/** Counters reported by {@code /health}; one instance per server (errors are counted by the HTTP layer). */
final class Metrics {
    final AtomicLong reports = new AtomicLong();
    final AtomicLong attestations = new AtomicLong();
}
