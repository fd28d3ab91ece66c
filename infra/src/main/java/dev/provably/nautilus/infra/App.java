package dev.provably.nautilus.infra;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import dev.provably.nautilus.infra.config.RawConfig;
import dev.provably.nautilus.infra.config.StackSettingsParser;

/**
 * The Pulumi program that deploys the Nautilus Nitro Enclave hosts. Configuration is read and
 * validated in full before any resource is declared; a bad setting stops {@code pulumi up} with an
 * {@link dev.provably.nautilus.infra.config.InvalidConfigException} naming every problem.
 */
public final class App {
    private App() {}

    private static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    public static void main(String[] args) {
        // Pulumi's runner waits by re-queueing a busy task on the common ForkJoin pool; with one
        // worker (2 CPUs) on JDK 25 that task starves the work it waits for and `pulumi up` spins
        // forever. Set before the pool exists (first use below); an explicit -D setting wins.
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
            System.setProperty(COMMON_POOL_PARALLELISM, "4");
        }
        Pulumi.run(App::stack);
    }

    public static void stack(Context ctx) {
        stack(ctx, RawConfig.of(ctx));
    }

    /** The program with its configuration from {@code raw} (tests pass a map: the public test API has no config). */
    static void stack(Context ctx, RawConfig raw) {
        var settings = new StackSettingsParser().parse(raw, ctx.projectName(), ctx.stackName());
        NautilusStack.build(ctx, settings);
    }
}
