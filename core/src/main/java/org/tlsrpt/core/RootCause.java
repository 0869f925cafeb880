package org.tlsrpt.core;

/**
 * An error as one line for a person: the exception and its root cause. The JDBC driver's own message
 * ("Query request failed") names no cause, so a readiness check or a command that printed only it would not say
 * what is wrong.
 */
public final class RootCause {

    private RootCause() {
    }

    public static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e + " (cause: " + root + ")";
    }
}
