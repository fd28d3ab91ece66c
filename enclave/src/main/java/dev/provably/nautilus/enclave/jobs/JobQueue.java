package dev.provably.nautilus.enclave.jobs;

import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A bounded FIFO of jobs run by a fixed number of workers, with a deadline per job and results
 * kept for a while.
 *
 * <ul>
 *   <li>Admission is bounded by the number of waiting jobs, by the bytes of input held (waiting,
 *       running, and timed-out runs that have not stopped yet) and by the number of jobs known at
 *       once; past a bound {@link #submit} throws {@link QueueFull} with a retry hint.
 *   <li>A worker hands each job to a runner thread and waits at most {@link Limits#timeout()}: then
 *       the job fails as {@code timeout}, its runner is interrupted, and the worker takes the next
 *       job. A run that ignores the interrupt keeps its runner thread and its input bytes until it
 *       ends (counted as {@code abandoned}); the worker is not lost to it. Only while as many
 *       abandoned runs as there are workers still hold the CPUs do workers pause (so runner threads
 *       stay bounded at twice the workers); admission then fills up and answers {@link QueueFull}.
 *   <li>A job whose work throws fails with a reason; the worker carries on.
 *   <li>A finished job's outcome is kept for {@link Limits#resultTtl()}, then forgotten.
 * </ul>
 *
 * All state sits under one lock; every operation under it is O(1) (expiry pops only what expired).
 */
public final class JobQueue<I, R> implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(JobQueue.class.getName());
    private static final Duration MAX_RETRY_HINT = Duration.ofMinutes(5);

    /**
     * @param maxQueued jobs waiting for a worker
     * @param maxHeldBytes input bytes held by waiting and running jobs
     * @param maxKept jobs known at once: waiting, running, or finished and kept
     * @param workers jobs run at once
     * @param timeout the longest a job may run
     * @param resultTtl how long a finished job's outcome is kept
     */
    public record Limits(
            int maxQueued, long maxHeldBytes, int maxKept, int workers, Duration timeout, Duration resultTtl) {
        public Limits {
            if (maxQueued < 1) {
                throw new IllegalArgumentException("maxQueued must be positive, got " + maxQueued);
            }
            if (maxHeldBytes < 1) {
                throw new IllegalArgumentException("maxHeldBytes must be positive, got " + maxHeldBytes);
            }
            if (workers < 1 || workers > 256) {
                throw new IllegalArgumentException("workers must be 1..256, got " + workers);
            }
            if (maxKept < maxQueued + workers) {
                throw new IllegalArgumentException("maxKept must be at least maxQueued + workers");
            }
            positive("timeout", timeout);
            positive("resultTtl", resultTtl);
        }

        /** 64 waiting jobs, 512 MiB of input, 10,000 jobs kept, 5 minutes per job, results kept 10 minutes. */
        public static Limits defaults(int workers) {
            return new Limits(64, 512L * 1024 * 1024, 10_000, workers, Duration.ofMinutes(5), Duration.ofMinutes(10));
        }

        private static void positive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
        }
    }

    /** A job's work: its result, or an exception that fails the job. */
    @FunctionalInterface
    public interface Work<I, R> {
        R run(I input) throws Exception;
    }

    private enum State {
        QUEUED,
        RUNNING,
        DONE,
        FAILED
    }

    /** One job; every field is guarded by {@link #lock}. */
    private final class Job {
        final JobId id;
        final long sequence;
        final long bytes;
        I input;
        State state = State.QUEUED;
        R result;
        JobFailure failure;
        long finishedAt;
        Thread runner;
        boolean abandoned;
        boolean released;

        Job(JobId id, long sequence, I input, long bytes) {
            this.id = id;
            this.sequence = sequence;
            this.input = input;
            this.bytes = bytes;
        }
    }

    private final Limits limits;
    private final Work<I, R> work;
    private final LongSupplier nanoTime;
    private final SecureRandom random = new SecureRandom();
    private final ExecutorService runners;
    private final List<Thread> workers = new ArrayList<>();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition available = lock.newCondition();
    private final ArrayDeque<Job> pending = new ArrayDeque<>();
    private final ArrayDeque<Job> finished = new ArrayDeque<>(); // in order of finishing, so of expiry
    private final Map<JobId, Job> jobs = new HashMap<>();
    private long admitted;
    private long taken;
    private int running;
    private long heldBytes;
    private long done;
    private long failed;
    private long timedOut;
    private int abandoned;
    private double meanRunNanos;
    private boolean closed;

    private JobQueue(String name, Limits limits, Work<I, R> work, LongSupplier nanoTime) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.work = Objects.requireNonNull(work, "work");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        AtomicInteger runnerCount = new AtomicInteger();
        this.runners = Executors.newCachedThreadPool(
                runnable -> daemon(runnable, name + "-run-" + runnerCount.incrementAndGet()));
        for (int i = 1; i <= limits.workers(); i++) {
            workers.add(daemon(this::workLoop, name + "-worker-" + i));
        }
    }

    /** Starts the workers; {@code nanoTime} is the clock for result expiry (tests pass their own). */
    public static <I, R> JobQueue<I, R> start(String name, Limits limits, Work<I, R> work, LongSupplier nanoTime) {
        JobQueue<I, R> queue = new JobQueue<>(name, limits, work, nanoTime);
        queue.workers.forEach(Thread::start);
        return queue;
    }

    public static <I, R> JobQueue<I, R> start(String name, Limits limits, Work<I, R> work) {
        return start(name, limits, work, System::nanoTime);
    }

    public Limits limits() {
        return limits;
    }

    /**
     * Queues a job holding {@code bytes} of input; returns its id and place.
     *
     * @throws QueueFull when a bound is reached (nothing was queued)
     * @throws IllegalArgumentException when {@code bytes} exceeds the whole byte budget (it never could fit)
     * @throws IllegalStateException once the queue is closed
     */
    public JobStatus.Queued<R> submit(I input, long bytes) throws QueueFull {
        if (bytes < 0 || bytes > limits.maxHeldBytes()) {
            throw new IllegalArgumentException(
                    "a job of " + bytes + " bytes can never fit the byte budget of " + limits.maxHeldBytes());
        }
        JobId id = JobId.random(random);
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the job queue is shut down");
            }
            long now = nanoTime.getAsLong();
            expire(now);
            if (pending.size() >= limits.maxQueued()) {
                throw new QueueFull(
                        QueueFull.Bound.JOBS,
                        "the queue already holds its limit of " + limits.maxQueued() + " waiting jobs",
                        drainHint());
            }
            if (heldBytes + bytes > limits.maxHeldBytes()) {
                throw new QueueFull(
                        QueueFull.Bound.BYTES,
                        "the queued media would exceed the queue's budget of " + limits.maxHeldBytes() + " bytes",
                        drainHint());
            }
            if (jobs.size() >= limits.maxKept()) {
                throw new QueueFull(
                        QueueFull.Bound.RESULTS,
                        "the queue keeps its limit of " + limits.maxKept() + " jobs and results",
                        expiryHint(now));
            }
            while (jobs.containsKey(id)) { // 2^-128 per pair; checked so an id can never name two jobs
                id = JobId.random(random);
            }
            Job job = new Job(id, ++admitted, input, bytes);
            jobs.put(id, job);
            pending.addLast(job);
            heldBytes += bytes;
            available.signal();
            return new JobStatus.Queued<>(id, job.sequence - taken);
        } finally {
            lock.unlock();
        }
    }

    /** The job's status; empty when no such job exists or its outcome has expired. */
    public Optional<JobStatus<R>> status(JobId id) {
        lock.lock();
        try {
            expire(nanoTime.getAsLong());
            Job job = jobs.get(id);
            if (job == null) {
                return Optional.empty();
            }
            return Optional.of(
                    switch (job.state) {
                        case QUEUED -> new JobStatus.Queued<>(id, job.sequence - taken);
                        case RUNNING -> new JobStatus.Running<>(id);
                        case DONE -> new JobStatus.Done<>(id, job.result);
                        case FAILED -> new JobStatus.Failed<>(id, job.failure);
                    });
        } finally {
            lock.unlock();
        }
    }

    public QueueStats stats() {
        lock.lock();
        try {
            expire(nanoTime.getAsLong());
            return new QueueStats(
                    pending.size(),
                    running,
                    done,
                    failed,
                    timedOut,
                    abandoned,
                    heldBytes,
                    finished.size(),
                    limits.workers());
        } finally {
            lock.unlock();
        }
    }

    /** Fails waiting jobs as {@code shutting_down}, interrupts running ones, and stops every thread. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            long now = nanoTime.getAsLong();
            for (Job job : pending) {
                job.state = State.FAILED;
                job.failure = shuttingDown();
                job.finishedAt = now;
                finished.addLast(job);
                failed++;
                release(job);
            }
            pending.clear();
            available.signalAll();
        } finally {
            lock.unlock();
        }
        workers.forEach(Thread::interrupt);
        try {
            for (Thread worker : workers) {
                worker.join(TimeUnit.SECONDS.toMillis(5));
            }
            runners.shutdownNow();
            if (!runners.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "some job runs ignored the interrupt and are still running");
            }
        } catch (InterruptedException e) {
            runners.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void workLoop() {
        while (true) {
            Job job;
            lock.lock();
            try {
                while ((pending.isEmpty() || abandoned >= limits.workers()) && !closed) {
                    available.await(); // also paused while as many abandoned runs as workers hold the CPUs
                }
                if (closed) {
                    return;
                }
                job = pending.pollFirst();
                taken++;
                running++;
                job.state = State.RUNNING;
            } catch (InterruptedException e) {
                return; // close() interrupts idle workers
            } finally {
                lock.unlock();
            }
            if (!execute(job)) {
                return;
            }
        }
    }

    /** Runs one job to an outcome; false when the worker was interrupted (the queue is closing). */
    private boolean execute(Job job) {
        CompletableFuture<R> outcome = new CompletableFuture<>();
        long started = nanoTime.getAsLong();
        try {
            runners.execute(() -> run(job, outcome));
        } catch (RejectedExecutionException e) {
            finish(job, null, shuttingDown(), started);
            lockedRelease(job);
            return false;
        }
        try {
            finish(job, outcome.get(limits.timeout().toNanos(), TimeUnit.NANOSECONDS), null, started);
            return true;
        } catch (TimeoutException e) {
            stopRunner(job);
            finish(
                    job,
                    null,
                    new JobFailure("timeout", "the analysis did not finish within " + describe(limits.timeout())),
                    started,
                    true);
            return true;
        } catch (ExecutionException e) {
            finish(job, null, failureOf(job, e.getCause()), started);
            return true;
        } catch (InterruptedException e) {
            stopRunner(job);
            finish(job, null, shuttingDown(), started);
            return false;
        }
    }

    /** On a runner thread: the work itself; the input is released however it ends, before the outcome is known. */
    private void run(Job job, CompletableFuture<R> outcome) {
        I input;
        boolean givenUp;
        lock.lock();
        try {
            job.runner = Thread.currentThread();
            input = job.input;
            givenUp = job.abandoned; // timed out before this thread even started
        } finally {
            lock.unlock();
        }
        R result = null;
        Throwable failure = null;
        try {
            if (!givenUp) {
                result = work.run(input);
            }
        } catch (Throwable e) { // a job's failure (even an Error) is that job's, never the worker's
            failure = e;
        } finally {
            lockedRelease(job); // before the outcome: a finished job never still holds its bytes
        }
        if (failure != null) {
            outcome.completeExceptionally(failure);
        } else {
            outcome.complete(result);
        }
    }

    private void stopRunner(Job job) {
        lock.lock();
        try {
            if (!job.released) {
                job.abandoned = true;
                abandoned++;
                if (job.runner != null) {
                    job.runner.interrupt();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void finish(Job job, R result, JobFailure failure, long started) {
        finish(job, result, failure, started, false);
    }

    private void finish(Job job, R result, JobFailure failure, long started, boolean timeout) {
        lock.lock();
        try {
            long now = nanoTime.getAsLong();
            running--;
            job.finishedAt = now;
            if (failure == null) {
                job.state = State.DONE;
                job.result = result;
                done++;
            } else {
                job.state = State.FAILED;
                job.failure = failure;
                failed++;
                if (timeout) {
                    timedOut++;
                }
            }
            finished.addLast(job);
            double elapsed = Math.max(0, now - started);
            meanRunNanos = meanRunNanos == 0 ? elapsed : 0.8 * meanRunNanos + 0.2 * elapsed;
        } finally {
            lock.unlock();
        }
    }

    private void lockedRelease(Job job) {
        lock.lock();
        try {
            release(job);
        } finally {
            lock.unlock();
        }
    }

    /** Gives back the job's input bytes, once. Under the lock. */
    private void release(Job job) {
        if (job.released) {
            return;
        }
        job.released = true;
        job.input = null;
        job.runner = null;
        heldBytes -= job.bytes;
        if (job.abandoned) {
            abandoned--;
            available.signalAll();
        }
    }

    /** Forgets outcomes older than the TTL. Under the lock. */
    private void expire(long now) {
        long ttl = limits.resultTtl().toNanos();
        while (!finished.isEmpty() && now - finished.peekFirst().finishedAt >= ttl) {
            jobs.remove(finished.pollFirst().id);
        }
    }

    /** Roughly how long until the waiting jobs have drained. Under the lock. */
    private Duration drainHint() {
        double rounds = Math.ceil((pending.size() + running) / (double) limits.workers());
        return clampHint(Duration.ofNanos((long) (Math.max(1, rounds) * meanRunNanos)));
    }

    /** How long until the oldest kept outcome expires. Under the lock. */
    private Duration expiryHint(long now) {
        if (finished.isEmpty()) {
            return drainHint();
        }
        return clampHint(Duration.ofNanos(limits.resultTtl().toNanos() - (now - finished.peekFirst().finishedAt)));
    }

    private static Duration clampHint(Duration hint) {
        long seconds = Math.max(1, (hint.toMillis() + 999) / 1000);
        return Duration.ofSeconds(Math.min(seconds, MAX_RETRY_HINT.toSeconds()));
    }

    private JobFailure failureOf(Job job, Throwable cause) {
        if (cause instanceof JobFailedException failure) {
            return failure.failure();
        }
        LOG.log(Level.ERROR, "job " + job.id + " failed unexpectedly", cause);
        return new JobFailure("internal_error", "the analysis failed unexpectedly");
    }

    private static JobFailure shuttingDown() {
        return new JobFailure("shutting_down", "the enclave is shutting down; submit the media again");
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
