package org.tlsrpt.processor.consume;

import java.util.ArrayList;
import java.util.List;

/** The offsets {@code first} to {@code last}, both included, of one partition in a {@link Batch}. */
public record OffsetRange(int partition, long first, long last) {

    public OffsetRange {
        if (partition < 0 || first < 0 || last < first) {
            throw new IllegalArgumentException("not an offset range: " + partition + ":" + first + "-" + last);
        }
    }

    /** {@code 0:10-20,3:5-9}: how {@code processor_batches.ranges} records a batch. */
    public static String text(List<OffsetRange> ranges) {
        StringBuilder text = new StringBuilder();
        for (OffsetRange range : ranges) {
            text.append(text.isEmpty() ? "" : ",").append(range.partition()).append(':').append(range.first())
                    .append('-').append(range.last());
        }
        return text.toString();
    }

    /** The ranges written by {@link #text}. */
    public static List<OffsetRange> parse(String text) {
        List<OffsetRange> ranges = new ArrayList<>();
        for (String range : text.split(",")) {
            int colon = range.indexOf(':');
            int dash = range.indexOf('-', colon);
            if (colon < 1 || dash < colon + 2) {
                throw new IllegalArgumentException("not an offset range: " + range);
            }
            ranges.add(new OffsetRange(Integer.parseInt(range.substring(0, colon)),
                    Long.parseLong(range.substring(colon + 1, dash)), Long.parseLong(range.substring(dash + 1))));
        }
        return ranges;
    }
}
