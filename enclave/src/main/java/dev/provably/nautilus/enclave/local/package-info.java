/** Local mode: attestation from the nitro-issuer's development CA, measurements of the running jar, a KMS stand-in. */
package dev.provably.nautilus.enclave.local;
