/** The enclave's Ed25519 key and the signing of reports under the intent prefix. */
package dev.provably.nautilus.enclave.signing;
