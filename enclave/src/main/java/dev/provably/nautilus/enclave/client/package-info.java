/**
 * The backend's side of a local run ({@code java -jar nautilus-enclave.jar local-client}): probes the
 * enclave's and the host's {@code /health}, asks the enclave for a signed report with a fresh nonce,
 * writes a backend config shaped like the stack outputs (expected PCRs measured from this very jar),
 * and forges the two responses a gate must refuse: a tampered copy and a replay. Checking them is
 * left to the verifier's {@code gate} command, exactly as a backend would run it.
 */
package dev.provably.nautilus.enclave.client;
