package org.tlsrpt.api.alert.webhook;

/**
 * Plain text made safe for a chat's markup. Alert text carries what senders chose (organisation names, result
 * types, SMTP error text from checks), so in a Slack or Teams message {@code <!channel>} would notify everyone and
 * {@code <https://evil|click>} or {@code [click](https://evil)} would render as a link.
 */
final class ChatText {

    private ChatText() {
    }

    /** Slack mrkdwn: Slack's documented escaping of {@code & < >}, after which no mention or link can be formed. */
    static String slack(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * Teams (Adaptive Card markdown): a backslash before every character that starts emphasis, a link, code, a
     * heading, a quote or an autolink, so each shows as itself.
     */
    static String teams(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\*_~`[]<>#".indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
