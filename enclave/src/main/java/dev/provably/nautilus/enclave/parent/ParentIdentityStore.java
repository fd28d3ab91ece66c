package dev.provably.nautilus.enclave.parent;

import dev.provably.nautilus.enclave.identity.IdentityException;
import dev.provably.nautilus.enclave.identity.IdentityStore;
import dev.provably.nautilus.enclave.identity.SealedIdentity;
import dev.provably.nautilus.enclave.identity.SealedIdentityJson;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Sealed identities kept by the parent (on its disk or in SSM), through the support endpoint
 * ({@code GET}/{@code PUT /v1/identity/<PCR0>}): an enclave has no disk of its own that survives it.
 * Only 404 means "none"; any other failure is an error, so a parent that is down never makes a first
 * enclave seal a second identity. What the parent returns is checked by the loader (the unsealed seed
 * must derive the record's public key; KMS checks the encryption context names the release).
 */
public final class ParentIdentityStore implements IdentityStore {
    public static final String PATH = "/v1/identity/";

    private final ParentEndpoint endpoint;

    public ParentIdentityStore(ParentEndpoint endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    @Override
    public Optional<SealedIdentity> load(String release) throws IdentityException {
        String path = path(release);
        ParentEndpoint.Response response;
        try {
            response = endpoint.get(path, SealedIdentityJson.MAX_BYTES);
        } catch (ParentEndpointException e) {
            throw new IdentityException("cannot read the sealed identity from the parent: " + e.getMessage(), e);
        }
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (response.status() != 200) {
            throw new IdentityException(
                    "the parent answered HTTP " + response.status() + " for " + endpoint.base() + path);
        }
        return Optional.of(SealedIdentityJson.decode(response.body(), release, "from " + endpoint.base() + path));
    }

    @Override
    public void save(SealedIdentity identity) throws IdentityException {
        String path = path(identity.release());
        ParentEndpoint.Response response;
        try {
            response = endpoint.put(path, SealedIdentityJson.encode(identity).getBytes(StandardCharsets.UTF_8), 4096);
        } catch (ParentEndpointException e) {
            throw new IdentityException("cannot store the sealed identity on the parent: " + e.getMessage(), e);
        }
        if (response.status() != 200) {
            throw new IdentityException("the parent refused to store the sealed identity: HTTP " + response.status());
        }
    }

    @Override
    public String describe() {
        return "the parent's store at " + endpoint.base() + PATH;
    }

    private static String path(String release) throws IdentityException {
        if (!SealedIdentityJson.isRelease(release)) {
            throw new IdentityException("release must be a PCR0 as 96 lowercase hex digits");
        }
        return PATH + release;
    }
}
