package dev.provably.nautilus.enclave;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load harness, not a test: starts a local-mode server in this JVM (or targets {@code --url}),
 * then {@code clients} threads post distinct media for {@code requests} reports in total and it
 * prints reports signed per second and p50/p99 latency. See enclave/README.md.
 *
 * <pre>java -cp enclave/target/test-classes:enclave/target/nautilus-enclave.jar \
 *     dev.provably.nautilus.enclave.LoadHarness [--clients 16] [--requests 2000] [--media-bytes 65536] [--url URL]</pre>
 */
public final class LoadHarness {
    private static final String QUERY = "/v1/reports?reference=bench";

    private LoadHarness() {}

    public static void main(String[] args) throws Exception {
        List<String> list = Arrays.asList(args);
        int clients = intOption(list, "--clients", 16);
        int requests = intOption(list, "--requests", 2000);
        int mediaBytes = intOption(list, "--media-bytes", 64 * 1024);
        int warmup = intOption(list, "--warmup", 200);
        String url = option(list, "--url");

        ServeCommand.Running running = null;
        Path state = null;
        if (url == null) {
            state = Files.createTempDirectory("nautilus-bench-ca");
            running = ServeCommand.launch(
                    List.of(
                            "--local",
                            "--port",
                            "0",
                            "--state-dir",
                            state.toString(),
                            "--threads",
                            Integer.toString(clients)),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            url = "http://127.0.0.1:" + running.server().address().getPort();
        }
        try {
            HttpClient client =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            System.out.printf(
                    "target %s, %d clients, %d requests (+%d warm-up), %d-byte media, %d cores%n",
                    url,
                    clients,
                    requests,
                    warmup,
                    mediaBytes,
                    Runtime.getRuntime().availableProcessors());
            run(client, url, clients, warmup, mediaBytes, false);
            run(client, url, clients, requests, mediaBytes, true);
        } finally {
            if (running != null) {
                running.close();
                deleteTree(state);
            }
        }
    }

    private static void run(HttpClient client, String url, int clients, int requests, int mediaBytes, boolean report)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        long[] latencies = new long[requests];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int seed = c;
            workers.add(pool.submit(() -> {
                byte[] media = new byte[mediaBytes];
                new Random(seed).nextBytes(media);
                go.await();
                for (int i; (i = next.getAndIncrement()) < requests; ) {
                    ByteBuffer.wrap(media).putInt(i); // distinct media for every request
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url + QUERY))
                            .header("Content-Type", "image/jpeg")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(media))
                            .build();
                    long start = System.nanoTime();
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    latencies[i] = System.nanoTime() - start;
                    if (response.statusCode() != 200) {
                        failures.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        long started = System.nanoTime();
        go.countDown();
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        if (report) {
            Arrays.sort(latencies);
            System.out.printf(
                    "%d reports in %.2f s: %.1f reports/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d failed%n",
                    requests,
                    seconds,
                    requests / seconds,
                    percentile(latencies, 0.50),
                    percentile(latencies, 0.99),
                    latencies[latencies.length - 1] / 1e6,
                    failures.get());
        }
    }

    private static double percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static String option(List<String> args, String name) {
        int at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? args.get(at + 1) : null;
    }

    private static int intOption(List<String> args, String name, int defaultValue) {
        String value = option(args, name);
        return value == null ? defaultValue : Integer.parseInt(value);
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var walk = Files.walk(root)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
