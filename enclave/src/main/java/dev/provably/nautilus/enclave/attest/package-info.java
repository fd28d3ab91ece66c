/** Where attestation documents come from: the NSM in an enclave, the development CA locally. */
package dev.provably.nautilus.enclave.attest;
