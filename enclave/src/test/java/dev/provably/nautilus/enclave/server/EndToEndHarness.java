package dev.provably.nautilus.enclave.server;

import dev.provably.nautilus.enclave.analysis.AnalysisRun;
import dev.provably.nautilus.enclave.local.LocalAttestationSource;
import dev.provably.nautilus.enclave.signing.ReportSigner;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark harness, not a test: end to end in local mode with the shipped analysis (provenance,
 * C2PA validation and the demo model), {@code clients} threads posting the repository's samples to {@code POST
 * /v1/reports} (hash, detect, analyse, decide, sign, attest with the local CA). Prints reports/s,
 * p50/p99, and the rate against the reference design's 100 verifications per hour per enclave.
 *
 * <pre>java -cp enclave/target/test-classes:enclave/target/nautilus-enclave.jar \
 *     dev.provably.nautilus.enclave.server.EndToEndHarness [clients 16] [reports 800]</pre>
 */
public final class EndToEndHarness {
    private static final String[] SAMPLES = {
        "xmp-ai-only.jpg",
        "sd-webui-parameters.png",
        "comfyui-prompt-workflow.png",
        "camera-exif.jpg",
        "libpng-test.png",
        "sample.png",
        "gen-ai-es256.jpg",
        "capture-ps256.jpg",
        "XCA.jpg"
    };
    /** The reference design: "1 enclave ≈ 100 verifications/hour". */
    private static final double REFERENCE_PER_SECOND = 100.0 / 3600;

    private EndToEndHarness() {}

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int reports = args.length > 1 ? Integer.parseInt(args[1]) : 800;
        List<byte[]> media = new ArrayList<>();
        for (String name : SAMPLES) {
            try (InputStream in =
                    EndToEndHarness.class.getResourceAsStream("/dev/provably/nautilus/enclave/analysis/" + name)) {
                media.add(in.readAllBytes());
            }
        }
        Path state = Files.createTempDirectory("nautilus-e2e-bench");
        LocalAttestationSource source = TestEnclave.localSource(state);
        ReportSigner signer = TestEnclave.freshSigner(source);
        EnclaveServer server = EnclaveServer.start(
                new EnclaveServer.Settings(
                        TestEnclave.loopback(), EnclaveServer.DEFAULT_MAX_BODY_BYTES, Math.max(4, clients)),
                signer,
                AnalysisRun.shipped(),
                Clock.systemUTC());
        URI url = URI.create("http://127.0.0.1:" + server.address().getPort() + "/v1/reports?reference=bench");
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            System.out.printf(
                    "%d clients, %d reports (+%d warm-up) over %d samples, %d cores%n",
                    clients,
                    reports,
                    reports / 4,
                    media.size(),
                    Runtime.getRuntime().availableProcessors());
            run(client, url, media, clients, reports / 4);
            long[] latencies = new long[reports];
            long started = System.nanoTime();
            run(client, url, media, clients, reports, latencies);
            double seconds = (System.nanoTime() - started) / 1e9;
            Arrays.sort(latencies);
            double rate = reports / seconds;
            System.out.printf(
                    "POST /v1/reports, provenance + c2pa + demo model: %.1f reports/s  p50 %.1f ms  p99 %.1f ms%n",
                    rate,
                    latencies[reports / 2] / 1e6,
                    latencies[Math.min(reports - 1, (int) Math.ceil(0.99 * reports) - 1)] / 1e6);
            System.out.printf(
                    "against the reference design's 100 verifications/hour: %.0f times (%.0f reports/hour)%n",
                    rate / REFERENCE_PER_SECOND, rate * 3600);
        } finally {
            server.close();
            source.close();
            try (var walk = Files.walk(state)) {
                for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static void run(HttpClient client, URI url, List<byte[]> media, int clients, int reports) throws Exception {
        run(client, url, media, clients, reports, new long[reports]);
    }

    private static void run(HttpClient client, URI url, List<byte[]> media, int clients, int reports, long[] latencies)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < reports; ) {
                    HttpRequest request = HttpRequest.newBuilder(url)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(media.get(i % media.size())))
                            .build();
                    long start = System.nanoTime();
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    latencies[i] = System.nanoTime() - start;
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
                    }
                }
                return null;
            }));
        }
        try {
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
