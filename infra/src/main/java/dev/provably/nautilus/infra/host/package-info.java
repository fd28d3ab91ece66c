/** The host's user data and systemd units, rendered from templates. */
package dev.provably.nautilus.infra.host;
