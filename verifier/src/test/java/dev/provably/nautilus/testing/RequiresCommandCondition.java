package dev.provably.nautilus.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Evaluates {@link RequiresCommand}: enabled when every command is on the PATH, see there. */
public final class RequiresCommandCondition implements ExecutionCondition {
    private final Map<String, String> environment;

    public RequiresCommandCondition() {
        this(System.getenv());
    }

    RequiresCommandCondition(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<RequiresCommand> required = context.getElement()
                .flatMap(element -> AnnotationSupport.findAnnotation(element, RequiresCommand.class));
        if (required.isEmpty()) {
            return ConditionEvaluationResult.enabled("no @RequiresCommand");
        }
        return evaluate(List.of(required.get().value()));
    }

    /** Enabled, or disabled naming the missing commands; throws (the test fails) when CI=true. */
    ConditionEvaluationResult evaluate(List<String> commands) {
        List<String> missing = new ArrayList<>();
        for (String command : commands) {
            if (!onPath(command)) {
                missing.add(command);
            }
        }
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("on the PATH: " + commands);
        }
        String message = "not on the PATH: " + String.join(", ", missing) + " (Debian: apt-get install "
                + String.join(" ", missing) + ")";
        if ("true".equals(environment.get("CI"))) {
            throw new AssertionError("CI=true and this test needs a command that is " + message);
        }
        return ConditionEvaluationResult.disabled("skipped: " + message + "; with CI=true this fails");
    }

    private boolean onPath(String command) {
        String path = environment.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, command);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return true;
                }
            }
        }
        return false;
    }
}
