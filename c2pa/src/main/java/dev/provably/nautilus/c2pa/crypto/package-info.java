/** COSE claim signatures, signer certificate profiles, time-stamps and trust anchors for C2PA. */
package dev.provably.nautilus.c2pa.crypto;
