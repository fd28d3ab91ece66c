/** Nitro-format attestation documents (layout, AWS certificate profiles, CA hierarchy) from a local development CA: never trusted in production. */
package dev.provably.nautilus.issuer;
