/** Benchmarks of the verifier: JMH and a throughput harness over generated documents, compared with OpenSSL. */
package dev.provably.nautilus.bench;
