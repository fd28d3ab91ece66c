package dev.provably.nautilus.enclave.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a command (no shell) with a deadline, reading at most a bounded amount of its output;
 * a command still running at the deadline is killed with its descendants.
 */
final class CommandRunner {
    static final int MAX_OUTPUT_BYTES = 1024 * 1024;

    record Result(int exitCode, String stdout, String stderr) {}

    private CommandRunner() {}

    static Result run(List<String> command, Duration timeout)
            throws IOException, TimeoutException, InterruptedException {
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        CompletableFuture<String> stdout = readAsync(process.getInputStream());
        CompletableFuture<String> stderr = readAsync(process.getErrorStream());
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill(process);
            throw new TimeoutException(command.get(0) + " did not finish within " + timeout.toMillis() + " ms");
        }
        try {
            // The process has exited; its pipes close unless a stray child still holds them.
            return new Result(process.exitValue(), stdout.get(1, TimeUnit.SECONDS), stderr.get(1, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            throw new IOException("could not read the output of " + command.get(0), e.getCause());
        } catch (TimeoutException e) {
            kill(process);
            throw new TimeoutException(command.get(0) + " left a child process holding its output open");
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static CompletableFuture<String> readAsync(InputStream stream) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread reader = new Thread(
                () -> {
                    try (InputStream in = stream) {
                        ByteArrayOutputStream kept = new ByteArrayOutputStream();
                        byte[] buffer = new byte[8192];
                        for (int n; (n = in.read(buffer)) != -1; ) {
                            int room = MAX_OUTPUT_BYTES - kept.size();
                            if (room > 0) {
                                kept.write(buffer, 0, Math.min(room, n));
                            }
                        }
                        result.complete(kept.toString(StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        result.completeExceptionally(e);
                    }
                },
                "command-output");
        reader.setDaemon(true);
        reader.start();
        return result;
    }
}
