/** The analyzers that run inside the enclave and the verdict policy that turns their findings into a verdict. */
package dev.provably.nautilus.enclave.analysis;
