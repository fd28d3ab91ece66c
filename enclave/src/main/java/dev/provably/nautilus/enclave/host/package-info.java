/** The parent instance's side: health server, enclave probes and the support endpoint for credentials and sealed identities. */
package dev.provably.nautilus.enclave.host;
