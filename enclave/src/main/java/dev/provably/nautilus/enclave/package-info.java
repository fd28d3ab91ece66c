/** The enclave jar's commands: serve, host, local-client, kms-local and analyze. */
package dev.provably.nautilus.enclave;
