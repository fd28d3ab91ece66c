/** Bounded CBOR decoding that refuses malformed, oversized or non-canonical input. */
package dev.provably.nautilus.cbor;
