package dev.provably.nautilus.enclave.jobs;

/**
 * A snapshot of the queue for {@code /health}.
 *
 * @param queued jobs waiting (the queue depth)
 * @param running jobs on a worker
 * @param done jobs finished with a result since start
 * @param failed jobs failed since start (timeouts included)
 * @param timedOut of the failed, those that ran out of time
 * @param abandoned timed-out runs still executing (they hold their input until they stop)
 * @param heldBytes input bytes of queued and running jobs (the byte budget in use)
 * @param keptResults finished jobs whose outcome is still kept
 * @param workers worker count
 */
public record QueueStats(
        int queued,
        int running,
        long done,
        long failed,
        long timedOut,
        int abandoned,
        long heldBytes,
        int keptResults,
        int workers) {}
