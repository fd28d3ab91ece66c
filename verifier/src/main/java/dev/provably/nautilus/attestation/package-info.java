/** Verification of AWS Nitro attestation documents: COSE signature, certificate chain to the pinned root, PCRs. */
package dev.provably.nautilus.attestation;
