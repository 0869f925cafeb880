package org.tlsrpt.embedded.clickhouse;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ClickHouse error codes as the HTTP interface reports them: the code from the message, and its HTTP status. */
final class ClickHouseErrors {

    static final int UNKNOWN_SETTING = 115;
    static final int UNKNOWN_DATABASE = 81;
    static final int REQUIRED_PASSWORD = 194;
    static final int AUTHENTICATION_FAILED = 516;
    static final int UNKNOWN_TABLE = 60;
    static final int BAD_ARGUMENTS = 36;
    static final int NOT_IMPLEMENTED = 48;
    static final int STD_EXCEPTION = 1001;

    private static final Pattern CODE = Pattern.compile("^\\s*Code:\\s*(\\d+)\\.");

    /** Codes ClickHouse answers with 400: the request itself is wrong (parse, type, unknown name). */
    private static final Set<Integer> BAD_REQUEST = Set.of(
            6, 26, 27, 32, 33, 34, 35, 36, 38, 41, 42, 43, 44, 46, 47, 53, 62, 69, 70, 72, 73, 91, 115, 117, 128, 130,
            131, 135, 170, 184, 190, 206, 269, 395, 457, 472, 589);
    /** Codes ClickHouse answers with 404. */
    private static final Set<Integer> NOT_FOUND = Set.of(UNKNOWN_TABLE, UNKNOWN_DATABASE, 390);

    private ClickHouseErrors() {
    }

    /** The code in ClickHouse's "Code: N. DB::Exception: ..." text; {@value #STD_EXCEPTION} when there is none. */
    static int codeOf(String message) {
        Matcher matcher = CODE.matcher(message == null ? "" : message);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : STD_EXCEPTION;
    }

    static int httpStatus(int code) {
        if (code == REQUIRED_PASSWORD) {
            return 401;
        }
        if (code == AUTHENTICATION_FAILED || code == 192 || code == 193 || code == 497) {
            return 403;
        }
        if (NOT_FOUND.contains(code)) {
            return 404;
        }
        if (code == NOT_IMPLEMENTED) {
            return 501;
        }
        return BAD_REQUEST.contains(code) ? 400 : 500;
    }

    /** An error text in ClickHouse's shape, for errors raised by this server rather than by the engine. */
    static String message(int code, String name, String text) {
        return "Code: " + code + ". DB::Exception: " + text + ". (" + name + ")";
    }
}
