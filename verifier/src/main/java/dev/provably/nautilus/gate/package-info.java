/** The backend gate: a report is accepted only for the request, enclave image and analysis it expects. */
package dev.provably.nautilus.gate;
