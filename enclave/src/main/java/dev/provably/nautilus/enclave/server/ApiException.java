package dev.provably.nautilus.enclave.server;

/** A request the server refuses: an HTTP status, a stable error code and a human sentence. */
class ApiException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    /** Quotes caller input in a message, shortened so an error never echoes a large payload. */
    static String quote(String input) {
        String shown = input.length() > 64 ? input.substring(0, 64) + "…" : input;
        return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}
