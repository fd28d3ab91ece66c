/** The enclave API: reports, analyses, attestation and health endpoints. */
package dev.provably.nautilus.enclave.server;
