package dev.provably.nautilus.enclave.http;

/**
 * One route's logic: a whole request in (its body already read and bounded by the server), a JSON
 * response out, or an {@link ApiException} naming what the caller did wrong.
 */
@FunctionalInterface
public interface Endpoint {
    ApiResponse handle(ApiRequest request) throws ApiException;
}
