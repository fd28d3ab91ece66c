package dev.provably.nautilus.infra.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The stack configuration was rejected before any resource was declared. Carries every problem found,
 * so one {@code pulumi up} reports them all.
 */
public final class InvalidConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public InvalidConfigException(List<ConfigProblem> problems) {
        super(describe(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(List<ConfigProblem> problems) {
        return problems.stream()
                .map(p -> "  - " + p)
                .collect(Collectors.joining(
                        "\n",
                        "invalid stack configuration (" + problems.size()
                                + (problems.size() == 1 ? " problem" : " problems") + "):\n",
                        ""));
    }
}
