/** CBOR encoding exactly as built (insertion order kept), for what the enclave writes: NSM requests, attestation payloads. */
package dev.provably.nautilus.enclave.cbor;
