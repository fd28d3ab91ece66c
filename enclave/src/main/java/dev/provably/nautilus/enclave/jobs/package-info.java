/** The bounded queue of analysis jobs and their status. */
package dev.provably.nautilus.enclave.jobs;
