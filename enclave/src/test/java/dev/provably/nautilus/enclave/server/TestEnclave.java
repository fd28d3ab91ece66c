package dev.provably.nautilus.enclave.server;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.provably.nautilus.enclave.analysis.AnalysisRun;
import dev.provably.nautilus.enclave.attest.AttestationException;
import dev.provably.nautilus.enclave.attest.AttestationSource;
import dev.provably.nautilus.enclave.local.LocalAttestationSource;
import dev.provably.nautilus.enclave.local.LocalMeasurements;
import dev.provably.nautilus.enclave.signing.EnclaveKey;
import dev.provably.nautilus.enclave.signing.ReportSigner;
import dev.provably.nautilus.issuer.DevCa;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/** A local-mode enclave server on an ephemeral loopback port, and a client for it. */
final class TestEnclave implements AutoCloseable {
    /** The query of a report request: the opaque reference, the one value a caller may put in a report. */
    static final String REFERENCE = "reference=test-ref-1";

    final DevCa ca;
    final LocalAttestationSource localSource;
    final ReportSigner signer;
    final EnclaveServer server;
    final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private TestEnclave(DevCa ca, LocalAttestationSource localSource, ReportSigner signer, EnclaveServer server) {
        this.ca = ca;
        this.localSource = localSource;
        this.signer = signer;
        this.server = server;
    }

    static TestEnclave start(Path stateDir, long maxBody) throws Exception {
        DevCa ca = DevCa.loadOrCreate(stateDir, Clock.systemUTC());
        LocalAttestationSource source =
                new LocalAttestationSource(ca, LocalMeasurements.ofRunningArtifact(), Clock.systemUTC());
        return start(ca, source, source, maxBody);
    }

    /** A server whose signer uses {@code source} (e.g. a failing one) but whose CA is local. */
    static TestEnclave start(DevCa ca, LocalAttestationSource local, AttestationSource source, long maxBody)
            throws Exception {
        return start(ca, local, source, new EnclaveServer.Settings(loopback(), maxBody, 8));
    }

    /** A server with the given limits (e.g. a small job queue). */
    static TestEnclave start(
            DevCa ca, LocalAttestationSource local, AttestationSource source, EnclaveServer.Settings settings)
            throws Exception {
        ReportSigner signer = freshSigner(source);
        EnclaveServer server = EnclaveServer.start(settings, signer, AnalysisRun.shipped(), Clock.systemUTC());
        return new TestEnclave(ca, local, signer, server);
    }

    /** A signer with a fresh random key, attesting through {@code source}. */
    static ReportSigner freshSigner(AttestationSource source) {
        byte[] seed = new byte[EnclaveKey.SEED_LENGTH];
        new SecureRandom().nextBytes(seed);
        return new ReportSigner(EnclaveKey.fromSeed(seed), source, Clock.systemUTC());
    }

    /** The local attestation source of this jar's measurements, with a development CA in {@code state}. */
    static LocalAttestationSource localSource(Path state) throws Exception {
        return new LocalAttestationSource(
                DevCa.loadOrCreate(state, Clock.systemUTC()), LocalMeasurements.ofRunningArtifact(), Clock.systemUTC());
    }

    /** An attestation source whose every document request fails with {@code failure}. */
    static AttestationSource failingSource(Exception failure) {
        return new AttestationSource() {
            @Override
            public byte[] attest(byte[] publicKey, byte[] userData, byte[] nonce) throws AttestationException {
                if (failure instanceof AttestationException expected) {
                    throw expected;
                }
                throw (RuntimeException) failure;
            }

            @Override
            public byte[] random(int length) {
                return new byte[length];
            }

            @Override
            public String mode() {
                return "test";
            }
        };
    }

    static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + pathAndQuery);
    }

    HttpResponse<String> post(String pathAndQuery, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri(pathAndQuery)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String pathAndQuery) throws Exception {
        return client.send(
                HttpRequest.newBuilder(uri(pathAndQuery))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject json(HttpResponse<String> response) {
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    @Override
    public void close() {
        server.close();
    }
}
