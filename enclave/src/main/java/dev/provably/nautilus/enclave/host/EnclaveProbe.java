package dev.provably.nautilus.enclave.host;

/** Finds out whether the enclave is up. Implementations bound their own time and never throw. */
public interface EnclaveProbe {
    ProbeResult probe();
}
