package org.tlsrpt.api.owned;

import org.tlsrpt.api.auth.Scope;

/**
 * Something an API token's scope owns: an alert rule, a webhook, a token. The owner is the scope of the token that
 * created it and never changes; it decides who may see and change the thing ({@link Ownership}).
 */
public interface Owned {

    String id();

    Scope owner();
}
