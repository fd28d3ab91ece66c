/** Pulumi components: network firewall, hosts and fleet, load balancer, KMS key, logs and alarms. */
package dev.provably.nautilus.infra.components;
