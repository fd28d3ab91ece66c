/** The enclave jar's commands: serve, host, local-client, local-kms and analyze. */
package dev.provably.nautilus.enclave;
