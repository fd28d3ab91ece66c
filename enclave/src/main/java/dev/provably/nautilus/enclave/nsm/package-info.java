/** The Nitro Secure Module driver protocol over /dev/nsm: requests, responses and errors. */
package dev.provably.nautilus.enclave.nsm;
