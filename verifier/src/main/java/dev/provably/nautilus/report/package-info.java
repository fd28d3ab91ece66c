/** The signed report: its model, BCS encoding and Ed25519 signature check. */
package dev.provably.nautilus.report;
