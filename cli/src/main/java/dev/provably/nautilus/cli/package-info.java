/** The command line: nautilus-verifier.jar's verify and gate, and the picocli setup both jars share. */
package dev.provably.nautilus.cli;
