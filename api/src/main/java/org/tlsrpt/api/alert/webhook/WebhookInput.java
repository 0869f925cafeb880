package org.tlsrpt.api.alert.webhook;

/**
 * A webhook as a client sends it (POST and PUT bodies).
 *
 * @param format {@code json} (default), {@code slack} or {@code teams}
 * @param secret optional; generated when absent on create, kept when absent on update
 */
public record WebhookInput(String name, String url, String format, String secret) {
}
