/** The enclave's clients of its parent instance: AWS credentials and the sealed-identity store. */
package dev.provably.nautilus.enclave.parent;
