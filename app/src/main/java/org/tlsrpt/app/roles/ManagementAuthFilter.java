package org.tlsrpt.app.roles;

import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.tlsrpt.api.ApiConfig;
import org.tlsrpt.api.auth.TokenAuthenticator;
import org.tlsrpt.api.http.Problem;

/**
 * With {@code tlsrpt.api.protect-management=true}, {@code /q/…} (health, metrics, OpenAPI, Swagger UI, all on the
 * management port) needs a valid bearer token too. These are Vert.x routes, not JAX-RS resources, hence a handler
 * first on the management router. Off by default: probes and scrapers usually carry no token, and the management
 * port is not public. It lives in the app because it plugs into Quarkus's own HTTP layer, which only the app knows.
 */
@ApplicationScoped
public class ManagementAuthFilter {

    @Inject
    ApiConfig config;

    @Inject
    Instance<TokenAuthenticator> authenticator;

    void register(@Observes ManagementInterface management) {
        if (config.protectManagement()) {
            management.router().route().order(Integer.MIN_VALUE).handler(this::check);
        }
    }

    private void check(RoutingContext context) {
        if (!context.normalizedPath().startsWith("/q/")) {
            context.next();
            return;
        }
        String authorization = context.request().getHeader("Authorization");
        context.vertx().executeBlocking(() -> authenticator.get().authenticate(authorization).isPresent(), false)
                .onComplete(result -> {
                    if (result.succeeded() && result.result()) {
                        context.next();
                    } else {
                        int status = result.succeeded() ? 401 : 503;
                        context.response().setStatusCode(status)
                                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                                .putHeader("WWW-Authenticate", "Bearer realm=\"tlsrpt\"")
                                .end(new JsonObject().put("type", "about:blank").put("status", status)
                                        .put("title", status == 401 ? "Unauthorized" : "Service Unavailable")
                                        .put("detail", status == 401 ? "a valid bearer token is required"
                                                : "tokens cannot be checked now")
                                        .encode());
                    }
                });
    }
}
