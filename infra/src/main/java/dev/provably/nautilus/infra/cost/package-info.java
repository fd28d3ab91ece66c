/** A monthly cost estimate of a stack from a price table. */
package dev.provably.nautilus.infra.cost;
