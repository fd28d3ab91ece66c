/** The stack outputs a backend feeds into its configuration. */
package dev.provably.nautilus.infra.outputs;
