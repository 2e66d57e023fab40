///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8
//SOURCES ../../../DbtStateOss.java
//SOURCES dev/dbtstateoss/**.java
//SOURCES ../../bench/java/dev/dbtstateoss/bench/*.java
//DEPS org.junit.jupiter:junit-jupiter:5.14.4
//DEPS org.junit.jupiter:junit-jupiter-params:5.14.4
//DEPS org.junit.platform:junit-platform-launcher:1.14.4
//DEPS org.bouncycastle:bcpkix-jdk18on:1.87
//DEPS org.seleniumhq.selenium:selenium-chrome-driver:4.52.0
//DEPS org.seleniumhq.selenium:selenium-support:4.52.0

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs every JUnit 5 test of the project through the JUnit Platform launcher (used by scripts/test).
 * Arguments: none for all tests, or simple class names (e.g. RulesTest) to run only those; --fast leaves
 * out the tests tagged "slow" (emulators, PostgreSQL, dbt, child processes).
 * The last line is "N passed, N failed" (", N skipped" when some were).
 */
public class RunTests {
    public static void main(String[] args) {
        if (System.getenv("DBTSTATE_TEST_LOGS") == null) {
            java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.OFF);
        }
        List<DiscoverySelector> selectors = new ArrayList<>();
        boolean fast = false;
        for (String a : args) {
            if (a.equals("--fast")) {
                fast = true;
            } else {
                selectors.add(selectClass(a.contains(".") ? a : findClass(a)));
            }
        }
        if (selectors.isEmpty()) {
            selectors.add(selectPackage("dev.dbtstateoss"));
        }
        LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .filters(ClassNameFilter.includeClassNamePatterns(".*Test"));
        if (fast) {
            // The pure and in-process tests: no emulator, PostgreSQL, dbt, child process or download.
            builder.filters(TagFilter.excludeTags("slow"));
        }
        LauncherDiscoveryRequest request = builder.build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        Progress progress = new Progress();
        long started = System.nanoTime();
        launcher.execute(request, summary, progress);
        TestExecutionSummary s = summary.getSummary();
        PrintWriter out = new PrintWriter(System.out, true);
        progress.printClassTimes(out, System.nanoTime() - started);
        if (s.getTotalFailureCount() > 0) {
            out.println();
            out.println("Failures:");
            s.printFailuresTo(out, 25);
        }
        long passed = s.getTestsSucceededCount();
        long failed = s.getTestsFailedCount() + s.getContainersFailedCount();
        long skipped = s.getTestsSkippedCount() + s.getTestsAbortedCount();
        out.println(passed + " passed, " + failed + " failed" + (skipped > 0 ? ", " + skipped + " skipped" : ""));
        System.exit(failed == 0 && passed > 0 ? 0 : 1);
    }

    private static String findClass(String simpleName) {
        try (var walk = java.nio.file.Files.walk(java.nio.file.Path.of(System.getProperty("tests.root", "src/test/java")))) {
            return walk.filter(p -> p.getFileName().toString().equals(simpleName + ".java"))
                    .findFirst()
                    .map(p -> java.nio.file.Path.of(System.getProperty("tests.root", "src/test/java")).relativize(p).toString()
                            .replace('/', '.').replaceAll("\\.java$", ""))
                    .orElseThrow(() -> new IllegalArgumentException("no test class named " + simpleName));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One line per finished test with its wall time when it took a second or more, failures with their
     * message; the wall time of each test class (from its first test started to its last finished,
     * set-up and tear-down included) is kept for a table sorted by time.
     */
    private static final class Progress implements TestExecutionListener {
        /** Tests slower than this show their wall time on their PASS/FAIL line. */
        private static final long SHOW_TEST_NANOS = 1_000_000_000L;
        private final java.util.Map<String, Long> startedAt = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.Map<String, Long> classNanos = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void executionStarted(TestIdentifier id) {
            startedAt.put(id.getUniqueId(), System.nanoTime());
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            Long t0 = startedAt.remove(id.getUniqueId());
            long nanos = t0 == null ? 0 : System.nanoTime() - t0;
            String className = id.getSource()
                    .filter(src -> src instanceof org.junit.platform.engine.support.descriptor.ClassSource)
                    .map(src -> ((org.junit.platform.engine.support.descriptor.ClassSource) src).getClassName())
                    .orElse(null);
            if (className != null && !id.isTest()) {
                classNanos.merge(className.substring(className.lastIndexOf('.') + 1), nanos, Long::sum);
            }
            if (!id.isTest() && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                return;
            }
            String name = id.getLegacyReportingName();
            String parent = id.getParentId().map(p -> p.replaceAll(".*class:([^\\]]*)].*", "$1")).orElse("");
            parent = parent.substring(parent.lastIndexOf('.') + 1);
            String status = switch (result.getStatus()) {
                case SUCCESSFUL -> "PASS";
                case ABORTED -> "SKIP";
                case FAILED -> "FAIL";
            };
            String why = result.getThrowable().map(t -> "  -- " + t).orElse("");
            String time = nanos >= SHOW_TEST_NANOS ? " (" + seconds(nanos) + ")" : "";
            System.out.println(status + " " + parent + " > " + name + time + (status.equals("PASS") ? "" : why));
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            System.out.println("SKIP " + id.getLegacyReportingName() + "  -- " + reason);
        }

        /** The test classes by wall time, slowest first, with their share of the whole run. */
        void printClassTimes(PrintWriter out, long totalNanos) {
            if (classNanos.isEmpty()) {
                return;
            }
            out.println();
            out.println("Wall time per test class (slowest first; total " + seconds(totalNanos) + "):");
            classNanos.entrySet().stream()
                    .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> out.printf("  %9s  %5.1f%%  %s%n", seconds(e.getValue()),
                            100.0 * e.getValue() / Math.max(1, totalNanos), e.getKey()));
        }

        static String seconds(long nanos) {
            return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
        }
    }
}
