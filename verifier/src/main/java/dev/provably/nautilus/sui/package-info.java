/** Sui transaction payloads for registering enclaves and submitting reports. */
package dev.provably.nautilus.sui;
