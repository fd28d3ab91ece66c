/** The gate's replay store on Redis, shared by every backend instance. */
package dev.provably.nautilus.gate.redis;
