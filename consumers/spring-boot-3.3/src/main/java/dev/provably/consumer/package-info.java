/** A Spring Boot application that uses the verifier as a dependency, built by CI as an adopter would. */
package dev.provably.consumer;
