/** C2PA manifest validation: the validator, its result and the spec's status codes. */
package dev.provably.nautilus.c2pa;
