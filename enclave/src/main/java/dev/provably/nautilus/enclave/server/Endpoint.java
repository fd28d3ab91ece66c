package dev.provably.nautilus.enclave.server;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** One route: answers with a JSON object and status 200, or throws {@link ApiException}. */
interface Endpoint {
    JsonObject handle(HttpExchange exchange) throws ApiException, IOException;
}
