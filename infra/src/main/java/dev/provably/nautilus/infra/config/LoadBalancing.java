package dev.provably.nautilus.infra.config;

import java.util.Optional;

/** How clients reach the hosts. */
public sealed interface LoadBalancing {

    /** The stack output {@code endpointMode}. */
    String mode();

    /** A cross-zone network load balancer; TLS on 443 when a certificate is configured. */
    record Nlb(Optional<String> tlsCertificateArn) implements LoadBalancing {
        public static final int TLS_PORT = 443;

        @Override
        public String mode() {
            return "load-balancer";
        }
    }

    /** One host with an Elastic IP that it attaches to itself on boot: the cheapest dev stack. */
    record SingleHost() implements LoadBalancing {
        @Override
        public String mode() {
            return "single-host";
        }
    }
}
