/** Timings of each analyzer over a bounded window, for the health endpoint. */
package dev.provably.nautilus.enclave.metrics;
