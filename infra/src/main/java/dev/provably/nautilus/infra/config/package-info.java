/** The stack's configuration, read and checked before anything is created. */
package dev.provably.nautilus.infra.config;
