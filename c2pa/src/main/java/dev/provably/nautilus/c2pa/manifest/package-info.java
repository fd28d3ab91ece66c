/** C2PA claims and hashed URIs decoded from a manifest's CBOR. */
package dev.provably.nautilus.c2pa.manifest;
