package dev.provably.nautilus.enclave.server;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.provably.nautilus.enclave.http.JsonResponses;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exact-path routing with 404 and 405, and the handler boundary: every failure becomes a JSON
 * error, unexpected ones a 500 with a generic message (details to the log only), so no request can
 * take the server down.
 */
final class Router implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(Router.class.getName());

    private final Map<String, Map<String, Endpoint>> routes;
    private final Metrics metrics;

    Router(Map<String, Map<String, Endpoint>> routes, Metrics metrics) {
        this.routes = Map.copyOf(routes);
        this.metrics = metrics;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            JsonObject body = route(exchange).handle(exchange);
            JsonResponses.send(exchange, 200, body);
        } catch (ApiException e) {
            if (e.getCause() != null) {
                LOG.log(Level.WARNING, e.getMessage(), e.getCause());
            }
            fail(exchange, e.status(), e.code(), e.getMessage());
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "client connection failed", e);
            fail(exchange, 400, "bad_request", "the request could not be read");
        } catch (Throwable e) { // the boundary: nothing escapes into the server's threads
            LOG.log(Level.ERROR, "unexpected failure handling " + exchange.getRequestMethod() + " "
                    + exchange.getRequestURI().getRawPath(), e);
            fail(exchange, 500, "internal_error", "internal error");
        } finally {
            exchange.close();
        }
    }

    private Endpoint route(HttpExchange exchange) throws ApiException {
        String path = exchange.getRequestURI().getRawPath();
        Map<String, Endpoint> methods = routes.get(path);
        if (methods == null) {
            throw new ApiException(404, "not_found", "no such path " + ApiException.quote(path));
        }
        Endpoint endpoint = methods.get(exchange.getRequestMethod());
        if (endpoint == null) {
            String allowed = String.join(", ", new TreeMap<>(methods).keySet());
            exchange.getResponseHeaders().set("Allow", allowed);
            throw new ApiException(405, "method_not_allowed",
                    ApiException.quote(exchange.getRequestMethod()) + " is not allowed on " + path + "; use " + allowed);
        }
        return endpoint;
    }

    private void fail(HttpExchange exchange, int status, String code, String message) {
        metrics.errors.incrementAndGet();
        if (status == 413 || status == 400) {
            // The body may be left unread: do not try to reuse the connection.
            exchange.getResponseHeaders().set("Connection", "close");
        }
        try {
            JsonResponses.send(exchange, status, JsonResponses.error(code, message));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "could not send the error response", e);
        }
    }
}
