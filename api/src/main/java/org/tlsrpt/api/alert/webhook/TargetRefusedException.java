package org.tlsrpt.api.alert.webhook;

/** A webhook URL that the SSRF policy does not allow, with the reason in words a user can act on. */
public class TargetRefusedException extends Exception {

    public TargetRefusedException(String message) {
        super(message);
    }
}
