/**
 * Issues attestation documents in the exact AWS Nitro format (COSE_Sign1 ES384 over the CBOR
 * payload, certificate chain root, regional, zonal, instance, leaf) under a <em>local development
 * CA</em>: for the enclave's local mode, tests and benchmarks. Nothing it issues is ever trusted in
 * production: a verifier accepts it only when given the development root explicitly.
 *
 * <ul>
 *   <li>{@link dev.provably.nautilus.issuer.NitroDocument}: the document layout (payload map,
 *       protected header, {@code Sig_structure}, COSE_Sign1), defined once;
 *   <li>{@link dev.provably.nautilus.issuer.CertificateProfile}: the extension profile of each chain
 *       level as AWS issues it, and certificate issuance;
 *   <li>{@link dev.provably.nautilus.issuer.DevCa}: the CA hierarchy (persistent or in memory) that
 *       issues leaves and documents.
 * </ul>
 */
package dev.provably.nautilus.issuer;
