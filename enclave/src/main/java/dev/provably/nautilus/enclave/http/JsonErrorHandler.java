package dev.provably.nautilus.enclave.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own errors (a malformed request line, headers too large, an ambiguous URI) as the API's
 * JSON error body instead of an HTML page; never a stack trace or the server's version.
 */
final class JsonErrorHandler extends ErrorHandler {
    JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int status, String message, Throwable cause, Callback callback) {
        byte[] bytes = body(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JsonResponses.HEADERS.get("Content-Type"));
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        JsonResponses.HEADERS.forEach(response.getHeaders()::put);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        JsonResponses.HEADERS.forEach(fields::put);
        return ByteBuffer.wrap(body(status));
    }

    /** A fixed sentence per status: Jetty's reason text may quote the request. */
    private static byte[] body(int status) {
        String code =
                switch (status) {
                    case 400 -> "bad_request";
                    case 408 -> "request_timeout";
                    case 413 -> "body_too_large";
                    case 414 -> "uri_too_long";
                    case 431 -> "headers_too_large";
                    case 503 -> "unavailable";
                    default -> status >= 500 ? "internal_error" : "http_" + status;
                };
        String message = HttpStatus.getMessage(status);
        return JsonResponses.bytes(JsonResponses.error(code, message == null ? "HTTP " + status : message));
    }
}
