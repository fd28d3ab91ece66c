/** The Pulumi program: the stack and its entry point. */
package dev.provably.nautilus.infra;
