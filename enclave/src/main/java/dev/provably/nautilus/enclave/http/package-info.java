/** The one HTTP boundary on Jetty: routing, deadlines, body limits and JSON errors. */
package dev.provably.nautilus.enclave.http;
