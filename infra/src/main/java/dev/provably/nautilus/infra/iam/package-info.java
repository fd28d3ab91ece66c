/** Least-privilege IAM policies for the host role. */
package dev.provably.nautilus.infra.iam;
