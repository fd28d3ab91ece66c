package dev.provably.nautilus.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pulumi.Context;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.CustomResource;
import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import dev.provably.nautilus.infra.config.RawConfig;
import dev.provably.nautilus.infra.config.StackSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One mocked run of the program, captured as plain values (resources with the inputs the engine
 * received, invokes, outputs), so many assertions can share one run; Pulumi's global test state is
 * cleaned up before this is returned.
 */
final class StackRun {
    static final String PROJECT = "nautilus";

    /** A resource as declared: its type token, logical name, URN and the inputs sent to the engine. */
    record Declared(
            String type, String name, String urn, boolean component, boolean taggable, Map<String, Object> inputs) {

        /** A nested input, e.g. {@code "metadataOptions.httpTokens"}. */
        @SuppressWarnings("unchecked")
        <T> T input(String path) {
            Object value = inputs;
            for (var part : path.split("\\.")) {
                if (!(value instanceof Map)) {
                    throw new AssertionError(name + ": no input " + path);
                }
                value = ((Map<String, Object>) value).get(part);
            }
            return (T) value;
        }

        int intInput(String path) {
            return ((Number) input(path)).intValue();
        }

        /** The type of this resource's parent, read from the type chain in its URN. */
        String parentType() {
            var chain = urn.split("::")[2].split("\\$");
            return chain.length < 2 ? "" : chain[chain.length - 2];
        }
    }

    final int exitCode;
    final List<Exception> exceptions;
    final List<Declared> resources;
    final List<Mocks.CallArgs> calls;
    final Map<String, Object> outputs;

    private StackRun(TestResult result, AwsMocks mocks) {
        this.exitCode = result.exitCode();
        this.exceptions = List.copyOf(result.exceptions());
        var inputs = new HashMap<String, Map<String, Object>>();
        mocks.resources.forEach(r -> inputs.put(r.type + "::" + r.name, r.inputs));
        var declared = new ArrayList<Declared>();
        for (var resource : result.resources()) {
            if (!(resource instanceof CustomResource) && !(resource instanceof ComponentResource)) {
                continue;
            }
            if (resource.pulumiResourceType().equals("pulumi:pulumi:Stack")) {
                continue;
            }
            var key = resource.pulumiResourceType() + "::" + resource.pulumiResourceName();
            declared.add(new Declared(
                    resource.pulumiResourceType(),
                    resource.pulumiResourceName(),
                    PulumiTest.extractValue(resource.urn()),
                    resource instanceof ComponentResource,
                    hasTags(resource.getClass()),
                    inputs.getOrDefault(key, Map.of())));
        }
        this.resources = List.copyOf(declared);
        this.calls = List.copyOf(mocks.calls);
        var values = new LinkedHashMap<String, Object>();
        result.outputs().forEach((name, output) -> values.put(name, PulumiTest.extractValue(output)));
        this.outputs = values;
    }

    private static boolean hasTags(Class<?> type) {
        try {
            type.getMethod("tags");
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    static TestOptions options(String stack) {
        return TestOptions.builder()
                .projectName(PROJECT)
                .stackName(stack)
                .preview(false)
                .build();
    }

    /** Builds the stack from already parsed settings through the public test API; the run must succeed. */
    static StackRun build(StackSettings settings) {
        var run = build(settings, new AwsMocks());
        assertEquals(0, run.exitCode, () -> "stack run failed: " + run.exceptions);
        return run;
    }

    /** Builds the stack against the given mocks; the caller checks the outcome. */
    static StackRun build(StackSettings settings, AwsMocks mocks) {
        return capture(mocks, m -> PulumiTest.withMocks(m)
                .withOptions(options(settings.stack()))
                .runTest(ctx -> NautilusStack.build(ctx, settings)));
    }

    /**
     * Runs the program's config parsing and build ({@link App#stack(Context, RawConfig)}) with raw
     * config-strings, as the engine would pass them, through the public test API.
     */
    static StackRun app(String stack, Map<String, String> config) {
        return capture(mocks -> PulumiTest.withMocks(mocks)
                .withOptions(options(stack))
                .runTest(ctx -> App.stack(ctx, RawConfig.of(config))));
    }

    private static StackRun capture(Function<AwsMocks, TestResult> runner) {
        return capture(new AwsMocks(), runner);
    }

    private static StackRun capture(AwsMocks mocks, Function<AwsMocks, TestResult> runner) {
        try {
            return new StackRun(runner.apply(mocks), mocks);
        } finally {
            PulumiTest.cleanup();
        }
    }

    List<Declared> all(String type) {
        return resources.stream().filter(r -> r.type().equals(type)).collect(Collectors.toList());
    }

    Declared one(String type) {
        var found = all(type);
        assertEquals(1, found.size(), () -> "expected exactly one " + type + ", found " + found);
        return found.get(0);
    }

    Declared named(String type, String name) {
        return all(type).stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " named " + name + " in " + all(type)));
    }

    @SuppressWarnings("unchecked")
    <T> T output(String name) {
        if (!outputs.containsKey(name)) {
            throw new AssertionError("no stack output " + name + "; have " + outputs.keySet());
        }
        return (T) outputs.get(name);
    }
}
