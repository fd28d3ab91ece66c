/** A bounded parser of JUMBF boxes (ISO/IEC 19566-5), the container of C2PA manifests. */
package dev.provably.nautilus.c2pa.jumbf;
