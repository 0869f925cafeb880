package org.tlsrpt.embedded;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * Lets glibc keep freed native memory for reuse instead of returning it to the kernel at once.
 *
 * <p>Why: the Kafka producer compresses every record batch with a new zstd context, 1 to 3 MB of native memory
 * (the broker does the same to check each batch). glibc serves blocks that large with {@code mmap} and unmaps them
 * on free, so every batch paid for fresh pages: hundreds of page faults and the zeroing of the tables. Ingest
 * batches are small (reports spread over the partitions by key, a 2 ms linger), so this was about half of the
 * ingest's CPU; profiled with perf, the HTTP ingest went from about 3,000 to 5,700 reports/s once freed blocks
 * were kept (docs/benchmarks.md). The same is done with {@code MALLOC_MMAP_THRESHOLD_} and
 * {@code MALLOC_TRIM_THRESHOLD_}; setting it here means no launcher can forget it.
 */
public final class GlibcMalloc {

    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_THRESHOLD = -3;
    /** Blocks up to this size come from the heap (zstd level 3: about 3 MB). */
    private static final int MMAP_THRESHOLD = 8 * 1024 * 1024;
    /** Free memory at the top of a heap kept for reuse before it is returned. */
    private static final int TRIM_THRESHOLD = 64 * 1024 * 1024;

    private GlibcMalloc() {
    }

    /** Applies the thresholds; false where it cannot (another OS, no glibc), which changes nothing else. */
    public static boolean keepFreedMemory() {
        if (!Platform.isLinux()) {
            return false;
        }
        try {
            Function mallopt = NativeLibrary.getInstance("c").getFunction("mallopt");
            return mallopt.invokeInt(new Object[] {M_MMAP_THRESHOLD, MMAP_THRESHOLD}) == 1
                    && mallopt.invokeInt(new Object[] {M_TRIM_THRESHOLD, TRIM_THRESHOLD}) == 1;
        } catch (LinkageError | RuntimeException e) {
            // No mallopt, or JNA cannot unpack its native part (no writable temp directory): only slower.
            return false;
        }
    }
}
