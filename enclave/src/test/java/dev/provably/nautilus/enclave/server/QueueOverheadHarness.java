package dev.provably.nautilus.enclave.server;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.provably.nautilus.enclave.analysis.AnalysisRun;
import dev.provably.nautilus.enclave.analysis.Analyzer;
import dev.provably.nautilus.enclave.analysis.AnalyzerResult;
import dev.provably.nautilus.enclave.analysis.DetectedType;
import dev.provably.nautilus.enclave.analysis.VerdictPolicy;
import dev.provably.nautilus.enclave.http.ApiRequest;
import dev.provably.nautilus.enclave.local.LocalAttestationSource;
import dev.provably.nautilus.enclave.metrics.AnalysisTimes;
import dev.provably.nautilus.enclave.signing.ReportSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark harness, not a test: the cost of the job queue. With the same signer and the same
 * no-op analyzer (so only the queue is measured), {@code clients} threads run
 * {@code jobs} reports (1) by calling {@link ReportPipeline} directly in this JVM, (2) through
 * {@code POST /v1/reports}, and (3) through {@code POST /v1/analyses} and polling {@code GET
 * /v1/analyses/{id}} every {@code --poll-ms} until done. Direct is also run with as many threads as
 * CPUs (the queue's own concurrency), the fairer base. Prints jobs/s for each and the ratios
 * (goal: queue/direct at least 0.9 at 16 clients). See enclave/README.md.
 *
 * <pre>java -cp enclave/target/test-classes:enclave/target/nautilus-enclave.jar \
 *     dev.provably.nautilus.enclave.server.QueueOverheadHarness [--clients 16] [--jobs 2000] [--media-bytes 65536] [--poll-ms 2]</pre>
 */
public final class QueueOverheadHarness {
    private static final String QUERY = "reference=bench";

    private QueueOverheadHarness() {}

    /** One way of getting a report for the given media. */
    @FunctionalInterface
    private interface Way {
        void report(byte[] media) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        List<String> list = Arrays.asList(args);
        int clients = intOption(list, "--clients", 16);
        int jobs = intOption(list, "--jobs", 2000);
        int mediaBytes = intOption(list, "--media-bytes", 64 * 1024);
        int pollMillis = intOption(list, "--poll-ms", 2);
        int warmup = intOption(list, "--warmup", 300);

        Path state = Files.createTempDirectory("nautilus-queue-bench");
        LocalAttestationSource source = TestEnclave.localSource(state);
        ReportSigner signer = TestEnclave.freshSigner(source);
        // A no-op analyzer, so the figures are the queue's cost and not the analysis's.
        AnalysisRun noop = new AnalysisRun(
                List.of(new Analyzer() {
                    private final byte[] identity = new byte[32];

                    @Override
                    public String name() {
                        return "noop";
                    }

                    @Override
                    public String version() {
                        return "0";
                    }

                    @Override
                    public byte[] identity() {
                        return identity.clone();
                    }

                    @Override
                    public AnalyzerResult analyze(byte[] media, DetectedType type) {
                        return new AnalyzerResult(OptionalInt.empty(), "none", List.of());
                    }
                }),
                VerdictPolicy.standard());
        ReportPipeline pipeline = new ReportPipeline(signer, noop, new Metrics(), new AnalysisTimes());
        EnclaveServer server = EnclaveServer.start(
                new EnclaveServer.Settings(
                        TestEnclave.loopback(), EnclaveServer.DEFAULT_MAX_BODY_BYTES, Math.max(4, clients)),
                signer,
                noop,
                Clock.systemUTC());
        String base = "http://127.0.0.1:" + server.address().getPort();
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            System.out.printf(
                    "%d clients, %d jobs (+%d warm-up) per path, %d-byte media, poll every %d ms, %d cores,"
                            + " %d analysis workers%n",
                    clients,
                    jobs,
                    warmup,
                    mediaBytes,
                    pollMillis,
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().availableProcessors());
            Way direct = media -> pipeline.run(pipeline.accept(new ApiRequest(
                    "POST", "/v1/reports", Map.of(), QUERY, Map.of("content-type", "image/jpeg"), media)));
            Way synchronous = media -> {
                HttpResponse<String> response =
                        client.send(post(base + "/v1/reports?" + QUERY, media), HttpResponse.BodyHandlers.ofString());
                require(response, 200);
            };
            Way queued = media -> {
                HttpResponse<String> accepted =
                        client.send(post(base + "/v1/analyses?" + QUERY, media), HttpResponse.BodyHandlers.ofString());
                require(accepted, 202);
                URI status = URI.create(base + json(accepted).get("statusUrl").getAsString());
                while (true) {
                    Thread.sleep(pollMillis);
                    HttpResponse<String> polled = client.send(
                            HttpRequest.newBuilder(status).GET().build(), HttpResponse.BodyHandlers.ofString());
                    require(polled, 200);
                    String outcome = json(polled).get("status").getAsString();
                    if (outcome.equals("done")) {
                        return;
                    }
                    if (outcome.equals("failed")) {
                        throw new IllegalStateException("job failed: " + polled.body());
                    }
                }
            };
            int cpus = Runtime.getRuntime().availableProcessors();
            double directRate = measure("pipeline called directly", direct, clients, warmup, jobs, mediaBytes);
            double directCpusRate =
                    measure("pipeline directly, " + cpus + " threads", direct, cpus, warmup, jobs, mediaBytes);
            double syncRate = measure("POST /v1/reports", synchronous, clients, warmup, jobs, mediaBytes);
            double queueRate = measure("POST /v1/analyses + polling", queued, clients, warmup, jobs, mediaBytes);
            System.out.printf(
                    "ratio queue / direct: %.2f (goal >= 0.90); queue / direct on %d threads (the queue's"
                            + " own concurrency): %.2f; queue / POST /v1/reports: %.2f%n",
                    queueRate / directRate, cpus, queueRate / directCpusRate, queueRate / syncRate);
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

    /** Jobs per second over {@code jobs} reports after {@code warmup} unmeasured ones. */
    private static double measure(String name, Way path, int clients, int warmup, int jobs, int mediaBytes)
            throws Exception {
        run(path, clients, warmup, mediaBytes);
        long[] latencies = new long[jobs];
        long started = System.nanoTime();
        run(path, clients, jobs, mediaBytes, latencies);
        double seconds = (System.nanoTime() - started) / 1e9;
        Arrays.sort(latencies);
        double rate = jobs / seconds;
        System.out.printf(
                "%-30s %8.1f jobs/s  p50 %7.2f ms  p99 %7.2f ms%n",
                name,
                rate,
                latencies[jobs / 2] / 1e6,
                latencies[Math.min(jobs - 1, (int) Math.ceil(0.99 * jobs) - 1)] / 1e6);
        return rate;
    }

    private static void run(Way path, int clients, int jobs, int mediaBytes) throws Exception {
        run(path, clients, jobs, mediaBytes, new long[jobs]);
    }

    private static void run(Way path, int clients, int jobs, int mediaBytes, long[] latencies) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int seed = c;
            workers.add(pool.submit(() -> {
                byte[] media = new byte[mediaBytes];
                new Random(seed).nextBytes(media);
                go.await();
                for (int i; (i = next.getAndIncrement()) < jobs; ) {
                    ByteBuffer.wrap(media).putInt(i); // distinct media for every job
                    long start = System.nanoTime();
                    path.report(media.clone());
                    latencies[i] = System.nanoTime() - start;
                }
                return null;
            }));
        }
        go.countDown();
        try {
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static HttpRequest post(String url, byte[] media) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "image/jpeg")
                .POST(HttpRequest.BodyPublishers.ofByteArray(media))
                .build();
    }

    private static void require(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
    }

    private static JsonObject json(HttpResponse<String> response) {
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private static int intOption(List<String> args, String name, int defaultValue) {
        int at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? Integer.parseInt(args.get(at + 1)) : defaultValue;
    }
}
