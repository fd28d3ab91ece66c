/** The enclave's signing identity, sealed with KMS to the image's measurements and reloaded on restart. */
package dev.provably.nautilus.enclave.identity;
