package dev.provably.nautilus.enclave;

/**
 * Bounds how long the JDK HTTP server lets a client take to send a request or receive a response
 * (its defaults wait forever, so a stalled client would hold a worker). Set before the first
 * server is created; an operator's own {@code -D} settings win.
 */
final class HttpTimeouts {
    static final String MAX_REQUEST_SECONDS = "120";
    static final String MAX_RESPONSE_SECONDS = "120";

    private HttpTimeouts() {
    }

    static void applyDefaults() {
        setIfAbsent("sun.net.httpserver.maxReqTime", MAX_REQUEST_SECONDS);
        setIfAbsent("sun.net.httpserver.maxRspTime", MAX_RESPONSE_SECONDS);
    }

    private static void setIfAbsent(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }
}
