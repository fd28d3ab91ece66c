package dev.provably.nautilus.enclave.jobs;

/** What a caller may learn about a job: queued (with its place), running, done (the result) or failed. */
public sealed interface JobStatus<R> {
    JobId id();

    /** Waiting; {@code position} 1 runs next. */
    record Queued<R>(JobId id, long position) implements JobStatus<R> {}

    record Running<R>(JobId id) implements JobStatus<R> {}

    record Done<R>(JobId id, R result) implements JobStatus<R> {}

    record Failed<R>(JobId id, JobFailure failure) implements JobStatus<R> {}
}
