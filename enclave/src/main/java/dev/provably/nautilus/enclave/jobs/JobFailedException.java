package dev.provably.nautilus.enclave.jobs;

/**
 * Thrown by a job's work to fail it with a reason the caller may see. Any other exception fails
 * the job as {@code internal_error} with a generic message (the details go to the log only).
 */
public final class JobFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String code;

    public JobFailedException(String code, String message) {
        super(message);
        this.code = code;
    }

    JobFailure failure() {
        return new JobFailure(code, getMessage());
    }
}
