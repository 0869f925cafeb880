package org.tlsrpt.app.demo;

import java.time.LocalDate;

/**
 * One generated report as a reporter would send it, with the sessions it stands for.
 *
 * @param reporter   the organisation name as written in the report
 * @param day        the UTC day the report covers
 * @param fileName   a name in the usual {@code reporter!domain!start!end.json} shape
 * @param json       the report's bytes, the same for the same day whenever they are made
 * @param successful the sessions that negotiated TLS, as the dashboard counts them (for a report with sts and tlsa
 *                   policies over the same sessions, one policy's count)
 * @param failed     the sessions that failed, counted the same way
 */
public record DemoReport(String reporter, String domain, LocalDate day, String fileName, byte[] json,
        long successful, long failed) {
}
