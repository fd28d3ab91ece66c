package dev.provably.nautilus.enclave.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Routes by method and path template ({@code /v1/analyses/{id}}: a {@code {name}} segment matches
 * one non-empty segment of at most {@value #MAX_PARAMETER_LENGTH} characters). Unknown paths are
 * 404, known paths with another method 405 with {@code Allow}.
 */
public final class Router {
    static final int MAX_PARAMETER_LENGTH = 128;

    /** Where an endpoint runs: on the network thread (quick, never blocks) or on a worker. */
    public enum Work {
        INLINE,
        WORKER
    }

    /** One route; {@code maxBodyBytes} 0 means the body is never read. */
    public record Route(String method, String template, Endpoint endpoint, long maxBodyBytes, Work work) {
        public Route {
            if (maxBodyBytes < 0 || maxBodyBytes > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("maxBodyBytes must be 0.." + (Integer.MAX_VALUE - 8));
            }
            if (!template.startsWith("/")) {
                throw new IllegalArgumentException("a template starts with /: " + template);
            }
        }

        List<String> segments() {
            return List.of(template.substring(1).split("/", -1));
        }
    }

    /** A matched route and its template parameters. */
    public record Match(Route route, Map<String, String> pathParameters) {}

    private final List<Route> routes;

    private Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Match match(String method, String rawPath) throws ApiException {
        List<String> path = List.of((rawPath.startsWith("/") ? rawPath.substring(1) : rawPath).split("/", -1));
        TreeSet<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Map<String, String> parameters = parameters(route.segments(), path);
            if (parameters == null) {
                continue;
            }
            if (route.method().equals(method)) {
                return new Match(route, parameters);
            }
            allowed.add(route.method());
        }
        if (allowed.isEmpty()) {
            throw new ApiException(404, "not_found", "no such path " + ApiException.quote(rawPath));
        }
        String allow = String.join(", ", allowed);
        throw new ApiException(
                405,
                "method_not_allowed",
                ApiException.quote(method) + " is not allowed on " + rawPath + "; use " + allow,
                Map.of("Allow", allow));
    }

    /** The template's parameters if {@code path} matches it, else null. */
    private static Map<String, String> parameters(List<String> template, List<String> path) {
        if (template.size() != path.size()) {
            return null;
        }
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String expected = template.get(i);
            String actual = path.get(i);
            if (expected.startsWith("{") && expected.endsWith("}")) {
                if (actual.isEmpty() || actual.length() > MAX_PARAMETER_LENGTH) {
                    return null;
                }
                parameters.put(expected.substring(1, expected.length() - 1), actual);
            } else if (!expected.equals(actual)) {
                return null;
            }
        }
        return parameters;
    }

    public static final class Builder {
        private final List<Route> routes = new ArrayList<>();

        private Builder() {}

        /** A quick, bodiless route answered on the network thread (health, status polling). */
        public Builder get(String template, Endpoint endpoint) {
            return route(new Route("GET", template, endpoint, 0, Work.INLINE));
        }

        /** A bodiless route that may block (an attestation, a probe): runs on a worker. */
        public Builder getOnWorker(String template, Endpoint endpoint) {
            return route(new Route("GET", template, endpoint, 0, Work.WORKER));
        }

        /** A route whose body (at most {@code maxBodyBytes}) is read in full before it runs on a worker. */
        public Builder post(String template, Endpoint endpoint, long maxBodyBytes) {
            return route(new Route("POST", template, endpoint, maxBodyBytes, Work.WORKER));
        }

        public Builder route(Route route) {
            routes.add(route);
            return this;
        }

        public Router build() {
            return new Router(routes);
        }
    }
}
