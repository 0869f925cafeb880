package org.tlsrpt.bench;

import java.time.Duration;

/**
 * CPU time (user + system) of processes, in nanoseconds, as the kernel counts it ({@code /proc/PID/stat}, through
 * {@link ProcessHandle.Info#totalCpuDuration()}; 10 ms ticks). Used to print where a benchmark's CPU went: this
 * JVM, the application under test, and their children (the chDB child JVM).
 */
final class CpuTime {

    private CpuTime() {
    }

    /** CPU time of {@code process} alone: its children are not in it. 0 once the process is gone. */
    static long of(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** CPU time of {@code process} and all its descendants (the application and its ClickHouse child). */
    static long ofTree(ProcessHandle process) {
        return of(process) + ofDescendants(process);
    }

    /** CPU time of the descendants of {@code process} alone (for this JVM: the chDB child). */
    static long ofDescendants(ProcessHandle process) {
        return process.descendants().mapToLong(CpuTime::of).sum();
    }

    /** CPU time of this JVM alone. */
    static long own() {
        return of(ProcessHandle.current());
    }
}
