package dev.provably.nautilus.enclave.http;

import java.util.Map;

/** A request the server refuses: an HTTP status, a stable error code and a human sentence. */
public class ApiException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final Map<String, String> headers;

    public ApiException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    /** With response headers, e.g. {@code Allow} on a 405 or {@code Retry-After} on a 429. */
    public ApiException(int status, String code, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    public Map<String, String> headers() {
        return headers;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    public static ApiException tooLarge(long maxBytes) {
        return new ApiException(413, "body_too_large", "the body is larger than the limit of " + maxBytes + " bytes");
    }

    /** Quotes caller input in a message, shortened so an error never echoes a large payload. */
    public static String quote(String input) {
        String shown = input.length() > 64 ? input.substring(0, 64) + "…" : input;
        return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}
