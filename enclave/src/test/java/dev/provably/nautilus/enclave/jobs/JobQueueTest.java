package dev.provably.nautilus.enclave.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JobQueueTest {
    private static final Duration LONG = Duration.ofMinutes(5);

    /** Work driven by the input: "block" waits for the gate, "echo:x" answers x, others as named. */
    private final CountDownLatch gate = new CountDownLatch(1);

    private final List<String> ran = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean letRunawayEnd = new AtomicBoolean();
    private final AtomicLong ticker = new AtomicLong();
    private JobQueue<String, String> queue;

    private String work(String input) throws Exception {
        ran.add(input);
        switch (input) {
            case "block" -> gate.await();
            case "sleep" -> Thread.sleep(LONG.toMillis());
            case "runaway" -> {
                while (!letRunawayEnd.get()) {
                    Thread.onSpinWait(); // ignores interrupts, as a stuck native call would
                }
            }
            case "throw" -> throw new IllegalStateException("secret internal detail");
            case "error" -> throw new StackOverflowError();
            case "refuse" -> throw new JobFailedException("attestation_unavailable", "try again");
            default -> {}
        }
        return "result of " + input;
    }

    private JobQueue<String, String> start(JobQueue.Limits limits) {
        queue = JobQueue.start("jobqueue-test", limits, this::work, ticker::get);
        return queue;
    }

    private static JobQueue.Limits limits(
            int maxQueued, long maxBytes, int maxKept, int workers, Duration timeout, Duration ttl) {
        return new JobQueue.Limits(maxQueued, maxBytes, maxKept, workers, timeout, ttl);
    }

    @AfterEach
    void stop() {
        gate.countDown();
        letRunawayEnd.set(true);
        if (queue != null) {
            queue.close();
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what);
            }
            Thread.sleep(2);
        }
    }

    private JobStatus<String> statusOf(JobId id) {
        return queue.status(id).orElseThrow(() -> new AssertionError("no job " + id));
    }

    private void awaitState(JobId id, Class<?> state) throws InterruptedException {
        await(
                id + " " + state.getSimpleName(),
                () -> state.isInstance(queue.status(id).orElse(null)));
    }

    @Test
    @DisplayName("ids are 128 random bits as 32 hex digits, never repeated; malformed ids do not parse")
    void ids() throws Exception {
        start(limits(1000, 1000, 2000, 1, LONG, LONG));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            JobId id = queue.submit("echo", 1).id();
            assertTrue(id.value().matches("[0-9a-f]{32}"), id.value());
            assertTrue(seen.add(id.value()));
        }
        assertTrue(JobId.parse("0".repeat(32)).isPresent());
        for (String bad : new String[] {"", "0".repeat(31), "0".repeat(33), "A".repeat(32), "g".repeat(32), null}) {
            assertFalse(JobId.parse(bad).isPresent(), String.valueOf(bad));
        }
        assertFalse(queue.status(new JobId("0".repeat(32))).isPresent(), "an id never issued names no job");
    }

    @Test
    @DisplayName("admission stops at the number of waiting jobs, with a retry hint, and reopens as jobs start")
    void countBound() throws Exception {
        start(limits(2, 1000, 100, 1, LONG, LONG));
        JobId running = queue.submit("block", 1).id();
        awaitState(running, JobStatus.Running.class);
        queue.submit("echo", 1);
        queue.submit("echo", 1);
        QueueFull full = assertThrows(QueueFull.class, () -> queue.submit("echo", 1));
        assertEquals(QueueFull.Bound.JOBS, full.bound());
        assertTrue(full.retryAfter().toSeconds() >= 1, full.retryAfter().toString());
        assertEquals(2, queue.stats().queued());
        await("the first job to start", () -> ran.contains("block"));
        assertEquals(List.of("block"), ran, "only the first job has run; the refused one never will");

        gate.countDown();
        await("the queue to drain", () -> queue.stats().done() == 3);
        JobId after = queue.submit("echo:again", 1).id(); // admission has reopened
        awaitState(after, JobStatus.Done.class);
        assertEquals("result of echo:again", ((JobStatus.Done<String>) statusOf(after)).result());
    }

    @Test
    @DisplayName("admission stops at the byte budget held by waiting and running jobs; finishing gives the bytes back")
    void byteBound() throws Exception {
        start(limits(10, 100, 100, 1, LONG, LONG));
        JobId first = queue.submit("block", 60).id();
        awaitState(first, JobStatus.Running.class);
        queue.submit("echo", 40);
        assertEquals(100, queue.stats().heldBytes());
        QueueFull full = assertThrows(QueueFull.class, () -> queue.submit("echo", 1));
        assertEquals(QueueFull.Bound.BYTES, full.bound());
        assertThrows(
                IllegalArgumentException.class,
                () -> queue.submit("echo", 101),
                "a job larger than the whole budget could never be admitted");

        gate.countDown();
        await("both jobs done", () -> queue.stats().done() == 2);
        assertEquals(0, queue.stats().heldBytes());
        JobId after = queue.submit("echo", 100).id();
        awaitState(after, JobStatus.Done.class);
    }

    @Test
    @DisplayName("waiting jobs run first in, first out, and their positions count down")
    void orderAndPosition() throws Exception {
        start(limits(10, 1000, 100, 1, LONG, LONG));
        JobId blocker = queue.submit("block", 1).id();
        awaitState(blocker, JobStatus.Running.class);
        List<JobId> waiting = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            JobStatus.Queued<String> queued = queue.submit("echo:" + i, 1);
            assertEquals(i, queued.position());
            waiting.add(queued.id());
        }
        for (int i = 0; i < waiting.size(); i++) {
            assertEquals(new JobStatus.Queued<String>(waiting.get(i), i + 1), statusOf(waiting.get(i)));
        }
        gate.countDown();
        for (JobId id : waiting) {
            awaitState(id, JobStatus.Done.class);
        }
        assertEquals(List.of("block", "echo:1", "echo:2", "echo:3", "echo:4"), ran);
        assertEquals("result of echo:3", ((JobStatus.Done<String>) statusOf(waiting.get(2))).result());
    }

    @Test
    @DisplayName("outcomes are kept for the TTL, then the job is unknown; kept outcomes count against admission")
    void ttl() throws Exception {
        Duration ttl = Duration.ofSeconds(60);
        start(limits(1, 1000, 3, 2, LONG, ttl));
        JobId a = queue.submit("echo", 1).id();
        awaitState(a, JobStatus.Done.class);
        ticker.addAndGet(ttl.toNanos() / 2);
        JobId b = queue.submit("refuse", 1).id();
        awaitState(b, JobStatus.Failed.class);
        JobId c = queue.submit("echo", 1).id();
        awaitState(c, JobStatus.Done.class);
        QueueFull full = assertThrows(QueueFull.class, () -> queue.submit("echo", 1));
        assertEquals(QueueFull.Bound.RESULTS, full.bound());
        assertTrue(
                full.retryAfter().compareTo(Duration.ofSeconds(30)) <= 0,
                "a's outcome expires in 30 s: " + full.retryAfter());

        ticker.addAndGet(ttl.toNanos() / 2 - 1);
        assertTrue(queue.status(a).isPresent(), "kept until the TTL has passed");
        ticker.addAndGet(1);
        assertFalse(queue.status(a).isPresent(), "forgotten once the TTL has passed");
        assertTrue(queue.status(b).isPresent());
        assertEquals(2, queue.stats().keptResults());
        queue.submit("echo", 1); // room again
        ticker.addAndGet(ttl.toNanos());
        assertFalse(queue.status(b).isPresent());
        assertFalse(queue.status(c).isPresent());
    }

    @Test
    @DisplayName("a job over its deadline fails as timeout, its run is interrupted, and the worker takes the next job")
    void timeout() throws Exception {
        start(limits(10, 1000, 100, 1, Duration.ofMillis(1500), LONG));
        JobId slow = queue.submit("sleep", 7).id();
        JobId next = queue.submit("echo", 1).id();
        awaitState(slow, JobStatus.Failed.class);
        JobFailure failure = ((JobStatus.Failed<String>) statusOf(slow)).failure();
        assertEquals("timeout", failure.code());
        assertEquals("the analysis did not finish within 1500 ms", failure.message());
        awaitState(next, JobStatus.Done.class);
        await("the interrupted run to give back its bytes", () -> queue.stats().heldBytes() == 0);
        QueueStats stats = queue.stats();
        assertEquals(1, stats.timedOut());
        assertEquals(1, stats.failed());
        assertEquals(0, stats.abandoned());
    }

    @Test
    @DisplayName("a run that ignores the interrupt is abandoned: it keeps its bytes until it ends, the worker moves on")
    void runaway() throws Exception {
        start(limits(10, 1000, 100, 2, Duration.ofMillis(1000), LONG));
        JobId stuck = queue.submit("runaway", 500).id();
        awaitState(stuck, JobStatus.Failed.class);
        JobId next = queue.submit("echo", 1).id();
        awaitState(next, JobStatus.Done.class);
        QueueStats stats = queue.stats();
        assertEquals(1, stats.abandoned());
        assertEquals(500, stats.heldBytes(), "the runaway still holds its input");
        assertEquals(
                QueueFull.Bound.BYTES,
                assertThrows(QueueFull.class, () -> queue.submit("echo", 501)).bound());

        letRunawayEnd.set(true);
        await("the runaway to end", () -> queue.stats().abandoned() == 0);
        assertEquals(0, queue.stats().heldBytes());
        assertInstanceOf(JobStatus.Failed.class, statusOf(stuck), "its late end does not revive the job");
    }

    @Test
    @DisplayName("with as many abandoned runs as workers, workers pause (threads stay bounded) until one ends")
    void runawaysBounded() throws Exception {
        start(limits(10, 1000, 100, 1, Duration.ofMillis(1000), LONG));
        JobId first = queue.submit("runaway", 1).id();
        awaitState(first, JobStatus.Failed.class);
        JobId waiting = queue.submit("echo", 1).id();
        Thread.sleep(300); // long enough for a worker that wrongly took an echo job to finish it
        assertEquals(new JobStatus.Queued<String>(waiting, 1), statusOf(waiting), "paused behind the runaway");
        assertEquals(1, queue.stats().abandoned());

        letRunawayEnd.set(true);
        awaitState(waiting, JobStatus.Done.class);
        assertEquals(0, queue.stats().abandoned());
    }

    @Test
    @DisplayName("a job that throws fails with a reason (internal details hidden); the worker survives even an Error")
    void throwingJobs() throws Exception {
        start(limits(10, 1000, 100, 1, LONG, LONG));
        JobId thrown = queue.submit("throw", 1).id();
        JobId error = queue.submit("error", 1).id();
        JobId refused = queue.submit("refuse", 1).id();
        JobId fine = queue.submit("echo", 1).id();
        awaitState(fine, JobStatus.Done.class);
        assertEquals(
                new JobFailure("internal_error", "the analysis failed unexpectedly"),
                ((JobStatus.Failed<String>) statusOf(thrown)).failure());
        assertEquals(
                "internal_error",
                ((JobStatus.Failed<String>) statusOf(error)).failure().code());
        assertEquals(
                new JobFailure("attestation_unavailable", "try again"),
                ((JobStatus.Failed<String>) statusOf(refused)).failure());
        QueueStats stats = queue.stats();
        assertEquals(1, stats.done());
        assertEquals(3, stats.failed());
        assertEquals(0, stats.timedOut());
        assertEquals(0, stats.heldBytes());
    }

    @Test
    @DisplayName("close fails waiting jobs, interrupts running ones, stops every thread and refuses new jobs")
    void shutdown() throws Exception {
        start(limits(10, 1000, 100, 2, LONG, LONG));
        JobId a = queue.submit("sleep", 1).id();
        JobId b = queue.submit("sleep", 1).id();
        awaitState(a, JobStatus.Running.class);
        awaitState(b, JobStatus.Running.class);
        JobId waiting = queue.submit("echo", 1).id();
        queue.close();
        for (JobId id : List.of(a, b, waiting)) {
            assertEquals(
                    "shutting_down",
                    ((JobStatus.Failed<String>) statusOf(id)).failure().code());
        }
        assertThrows(IllegalStateException.class, () -> queue.submit("echo", 1));
        await("its threads to end", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().startsWith("jobqueue-test-")));
        assertEquals(0, queue.stats().heldBytes());
        queue.close(); // idempotent
    }

    @Test
    @DisplayName("limits are checked: nothing zero or negative, and room to keep every admitted job")
    void limitsChecked() {
        assertThrows(IllegalArgumentException.class, () -> limits(0, 1, 10, 1, LONG, LONG));
        assertThrows(IllegalArgumentException.class, () -> limits(1, 0, 10, 1, LONG, LONG));
        assertThrows(IllegalArgumentException.class, () -> limits(1, 1, 10, 0, LONG, LONG));
        assertThrows(IllegalArgumentException.class, () -> limits(5, 1, 5, 1, LONG, LONG));
        assertThrows(IllegalArgumentException.class, () -> limits(1, 1, 10, 1, Duration.ZERO, LONG));
        assertThrows(IllegalArgumentException.class, () -> limits(1, 1, 10, 1, LONG, Duration.ofSeconds(-1)));
        assertEquals(3, JobQueue.Limits.defaults(3).workers());
    }
}
