package dev.vigil.system;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One local stack, started as the README starts it, for the system tests that read the demo organisation
 * ({@link PipelineIT}, {@link BundleIT}, {@link DriftIT}, {@link ReviewsBrowserIT}). A stack takes 80–90 s to start and stop on these machines,
 * so they share one: the first of them starts it, and down.sh stops it when JUnit closes its root store after the
 * last test, failing the run if any process of the stack is left.
 * <p>
 * Their order ({@code @Order}, junit-platform.properties) matters: PipelineIT first, while the stack holds only what
 * the demo organisation gives (it asserts the ground truth and that nothing was dead-lettered); then DriftIT, whose
 * tests each turn their drift off again and expect the demo's statuses before they start; ReviewsBrowserIT, which
 * leaves a completed LS-10 campaign and jo-contractor restored; BundleIT last, since the
 * bucket it scripts into early 2026 leaves LS-01 STALE for good. FaultsIT and MultiInstanceIT start stacks of their own
 * and run before them, so two stacks never run at once.
 */
final class SharedDemoStack implements BeforeAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedDemoStack.class);
    private static Started started;

    /** The stack, started before the first test class that uses this extension. */
    static LocalStackRun stack() {
        if (started == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(SharedDemoStack.class)");
        }
        return started.stack();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        started = context.getRoot().getStore(NAMESPACE).computeIfAbsent(Started.class, key -> Started.up(),
                Started.class);
        if (started.failure() != null) {
            // One failed start is reported by every class that needed it, not retried for five minutes each.
            throw new AssertionError("the shared demo stack did not start", started.failure());
        }
    }

    /** The started stack, or why it did not start; closing it runs down.sh. */
    private record Started(LocalStackRun stack, Throwable failure) implements AutoCloseable {
        static Started up() {
            try {
                return new Started(LocalStackRun.up("vigil-system-test"), null);
            } catch (Exception | AssertionError e) {
                return new Started(null, e);
            }
        }

        @Override
        public void close() throws Exception {
            if (stack != null) {
                stack.down();
            }
        }
    }
}
