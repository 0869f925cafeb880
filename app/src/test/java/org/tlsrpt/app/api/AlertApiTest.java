package org.tlsrpt.app.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tlsrpt.api.alert.webhook.DeliveryAttempt;
import org.tlsrpt.api.alert.webhook.DeliveryLog;
import org.tlsrpt.api.auth.Scope;
import org.tlsrpt.api.auth.TokenStore;
import org.tlsrpt.app.health.EmbeddedInfrastructureResource;
import org.tlsrpt.storage.ClickHouseConnector;

/**
 * The alert API over HTTP through the real bearer-token filter, against the running application and the real
 * ClickHouse: rules and webhooks are created, listed, changed and deleted; nothing answers without a token; a token
 * for one domain neither sees nor names another tenant's rules and webhooks; webhook targets on loopback, link-local
 * and private addresses are refused with the default settings; the delivery log is read per webhook.
 *
 * <p>The domains here have no reports, so no rule ever fires and no webhook is ever called.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedInfrastructureResource.class, restrictToAnnotatedClass = false)
class AlertApiTest {

    static final String A = "alerts-a.example";
    static final String B = "alerts-b.example";
    // a public address, so the SSRF policy accepts it; never called (see the class comment)
    static final String PUBLIC_URL = "https://1.1.1.1/tlsrpt-alert-api-test";

    static String allToken;
    static String aToken;
    static String bToken;

    @Inject
    TokenStore tokens;

    @ConfigProperty(name = "tlsrpt.clickhouse.jdbc-url")
    String jdbcUrl;

    @ConfigProperty(name = "tlsrpt.clickhouse.password")
    String password;

    @BeforeEach
    void createTokensOnce() throws Exception {
        synchronized (AlertApiTest.class) {
            if (allToken == null) {
                aToken = tokens.create(Scope.of(List.of(A)), "alerts a", "cli").text();
                bToken = tokens.create(Scope.of(List.of(B)), "alerts b", "cli").text();
                allToken = tokens.create(Scope.all(), "alerts all", "cli").text();
            }
        }
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    static Map<String, Object> webhook(String name, String url) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("url", url);
        return body;
    }

    static Map<String, Object> failureRateRule(String name, String domain, String webhookId, double threshold) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("kind", "failure-rate");
        if (domain != null) {
            body.put("domain", domain);
        }
        body.put("threshold", threshold);
        body.put("window", "2d");
        body.put("webhookIds", List.of(webhookId));
        return body;
    }

    static String createWebhook(String token, String name) {
        return as(token).body(webhook(name, PUBLIC_URL)).post("/api/v1/webhooks").then().statusCode(201)
                .extract().path("id");
    }

    static String createRule(String token, String name, String domain, String webhookId) {
        return as(token).body(failureRateRule(name, domain, webhookId, 0.05)).post("/api/v1/alert-rules").then()
                .statusCode(201).extract().path("id");
    }

    @Test
    void everyAlertEndpointRefusesRequestsWithoutAValidToken() {
        String hook = createWebhook(allToken, "auth check");
        String rule = createRule(allToken, "auth check", A, hook);
        List<String[]> calls = List.of(
                new String[] {"GET", "/api/v1/alert-rules"}, new String[] {"POST", "/api/v1/alert-rules"},
                new String[] {"GET", "/api/v1/alert-rules/" + rule}, new String[] {"PUT", "/api/v1/alert-rules/" + rule},
                new String[] {"DELETE", "/api/v1/alert-rules/" + rule},
                new String[] {"GET", "/api/v1/webhooks"}, new String[] {"POST", "/api/v1/webhooks"},
                new String[] {"GET", "/api/v1/webhooks/" + hook}, new String[] {"PUT", "/api/v1/webhooks/" + hook},
                new String[] {"DELETE", "/api/v1/webhooks/" + hook},
                new String[] {"GET", "/api/v1/webhooks/" + hook + "/deliveries"});
        for (String[] call : calls) {
            String what = call[0] + " " + call[1];
            Response none = given().contentType(ContentType.JSON).body("{}").request(call[0], call[1]);
            assertThat(none.statusCode()).as(what).isEqualTo(401);
            assertThat(none.contentType()).as(what).startsWith("application/problem+json");
            assertThat(none.header("WWW-Authenticate")).as(what).isEqualTo("Bearer realm=\"tlsrpt\"");
            assertThat(as("tlsrpt_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").body("{}")
                    .request(call[0], call[1]).statusCode()).as(what + " with an unknown token").isEqualTo(401);
            assertThat(given().header("Authorization", "Basic " + allToken).contentType(ContentType.JSON).body("{}")
                    .request(call[0], call[1]).statusCode()).as(what + " with Basic").isEqualTo(401);
        }
        // the refused requests changed nothing
        as(allToken).get("/api/v1/alert-rules/" + rule).then().statusCode(200).body("name", equalTo("auth check"));
        as(allToken).get("/api/v1/webhooks/" + hook).then().statusCode(200);
        as(allToken).delete("/api/v1/alert-rules/" + rule).then().statusCode(204);
        as(allToken).delete("/api/v1/webhooks/" + hook).then().statusCode(204);
    }

    @Test
    void aWebhookIsCreatedListedChangedAndDeletedAndItsSecretIsShownOnce() {
        Response created = as(aToken).body(webhook("ops pager", PUBLIC_URL)).post("/api/v1/webhooks");
        created.then().statusCode(201).contentType(ContentType.JSON)
                .body("name", equalTo("ops pager"), "url", equalTo(PUBLIC_URL), "format", equalTo("json"));
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/webhooks/" + id);
        String secret = created.path("secret");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(16);

        as(aToken).get("/api/v1/webhooks").then().statusCode(200).body("id", hasItem(id))
                .body("find { it.id == '" + id + "' }.secret", nullValue());
        as(aToken).get("/api/v1/webhooks/" + id).then().statusCode(200).body("name", equalTo("ops pager"))
                .body("secret", nullValue());
        assertThat(as(aToken).get("/api/v1/webhooks/" + id).asString()).doesNotContain(secret);

        Map<String, Object> change = webhook("ops channel", PUBLIC_URL + "/teams");
        change.put("format", "teams");
        as(aToken).body(change).put("/api/v1/webhooks/" + id).then().statusCode(200)
                .body("name", equalTo("ops channel"), "format", equalTo("teams"), "url", equalTo(PUBLIC_URL + "/teams"))
                .body("secret", nullValue());
        as(aToken).get("/api/v1/webhooks/" + id).then().statusCode(200).body("name", equalTo("ops channel"))
                .body("format", equalTo("teams"));

        as(aToken).body(webhook("", "ftp://1.1.1.1/")).post("/api/v1/webhooks").then().statusCode(400)
                .contentType("application/problem+json").body("errors.size()", equalTo(2));

        as(aToken).delete("/api/v1/webhooks/" + id).then().statusCode(204);
        as(aToken).get("/api/v1/webhooks/" + id).then().statusCode(404).contentType("application/problem+json");
        as(aToken).get("/api/v1/webhooks").then().statusCode(200).body("id", not(hasItem(id)));
    }

    @Test
    void aRuleIsCreatedListedChangedAndDeletedAndKeepsItsWebhookFromBeingDeleted() {
        String hook = createWebhook(aToken, "rule target");
        Response created = as(aToken).body(failureRateRule("MX certificates", A, hook, 0.05))
                .post("/api/v1/alert-rules");
        created.then().statusCode(201).contentType(ContentType.JSON)
                .body("name", equalTo("MX certificates"), "kind", equalTo("failure-rate"), "domain", equalTo(A),
                        "threshold", equalTo(0.05f), "window", equalTo("2d"), "webhookIds", equalTo(List.of(hook)),
                        "enabled", equalTo(true), "notifyResolved", equalTo(true))
                // a failure-rate rule has no reporter-silent settings
                .body("silentDays", nullValue());
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/alert-rules/" + id);
        as(aToken).get("/api/v1/alert-rules").then().statusCode(200).body("id", hasItem(id));

        Map<String, Object> change = failureRateRule("MX certificates, quieter", A, hook, 0.2);
        change.put("enabled", false);
        as(aToken).body(change).put("/api/v1/alert-rules/" + id).then().statusCode(200)
                .body("name", equalTo("MX certificates, quieter"), "threshold", equalTo(0.2f),
                        "enabled", equalTo(false));
        as(aToken).get("/api/v1/alert-rules/" + id).then().statusCode(200).body("threshold", equalTo(0.2f))
                .body("enabled", equalTo(false));

        Map<String, Object> invalid = failureRateRule("no threshold", A, hook, 0.05);
        invalid.remove("threshold");
        invalid.put("window", "forever");
        as(aToken).body(invalid).post("/api/v1/alert-rules").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors", hasItem(containsString("threshold is required")))
                .body("errors", hasItem(containsString("window must be")));

        as(aToken).delete("/api/v1/webhooks/" + hook).then().statusCode(409)
                .body("detail", containsString(id));
        as(aToken).delete("/api/v1/alert-rules/" + id).then().statusCode(204);
        as(aToken).get("/api/v1/alert-rules/" + id).then().statusCode(404);
        as(aToken).get("/api/v1/alert-rules").then().statusCode(200).body("id", not(hasItem(id)));
        as(aToken).delete("/api/v1/webhooks/" + hook).then().statusCode(204);
    }

    @Test
    void aTokenForDomainANeitherSeesNorNamesTheRulesAndWebhooksOfDomainB() {
        String bHook = createWebhook(bToken, "b pager");
        String bRule = createRule(bToken, "b rate", B, bHook);
        String bRuleForAllOfB = createRule(bToken, "b every domain", null, bHook);
        String aHook = createWebhook(aToken, "a pager");
        String aRule = createRule(aToken, "a every domain", null, aHook);

        List<String> aRules = as(aToken).get("/api/v1/alert-rules").then().statusCode(200).extract().path("id");
        assertThat(aRules).contains(aRule).doesNotContain(bRule, bRuleForAllOfB);
        List<String> aHooks = as(aToken).get("/api/v1/webhooks").then().statusCode(200).extract().path("id");
        assertThat(aHooks).contains(aHook).doesNotContain(bHook);
        assertThat(as(aToken).get("/api/v1/alert-rules").asString()).doesNotContain(B);

        // another tenant's ids are "not found", never "forbidden": an id reveals nothing
        for (String path : List.of("/api/v1/alert-rules/" + bRule, "/api/v1/alert-rules/" + bRuleForAllOfB,
                "/api/v1/webhooks/" + bHook, "/api/v1/webhooks/" + bHook + "/deliveries")) {
            as(aToken).get(path).then().statusCode(404);
        }
        as(aToken).body(failureRateRule("take over", A, aHook, 0.5)).put("/api/v1/alert-rules/" + bRule).then()
                .statusCode(404);
        as(aToken).body(webhook("take over", PUBLIC_URL)).put("/api/v1/webhooks/" + bHook).then().statusCode(404);
        as(aToken).delete("/api/v1/alert-rules/" + bRule).then().statusCode(404);
        as(aToken).delete("/api/v1/webhooks/" + bHook).then().statusCode(404);

        // nor can it make rules for B, or send its own rule to B's webhook
        as(aToken).body(failureRateRule("for b", B, aHook, 0.05)).post("/api/v1/alert-rules").then()
                .statusCode(403).contentType("application/problem+json");
        as(aToken).body(failureRateRule("for b", "ALERTS-B.example", aHook, 0.05)).post("/api/v1/alert-rules")
                .then().statusCode(403);
        as(aToken).body(failureRateRule("to b's hook", A, bHook, 0.05)).post("/api/v1/alert-rules").then()
                .statusCode(400).body("errors[0]", containsString(bHook));
        as(aToken).body(failureRateRule("moved to b", B, aHook, 0.05)).put("/api/v1/alert-rules/" + aRule).then()
                .statusCode(403);

        // B's rules are untouched, and B does not see A's
        as(bToken).get("/api/v1/alert-rules/" + bRule).then().statusCode(200).body("name", equalTo("b rate"));
        as(bToken).get("/api/v1/webhooks/" + bHook).then().statusCode(200).body("name", equalTo("b pager"));
        List<String> bRules = as(bToken).get("/api/v1/alert-rules").then().statusCode(200).extract().path("id");
        assertThat(bRules).contains(bRule, bRuleForAllOfB).doesNotContain(aRule);
        // an all-domains token sees both tenants
        List<String> allRules = as(allToken).get("/api/v1/alert-rules").then().statusCode(200).extract().path("id");
        assertThat(allRules).contains(aRule, bRule, bRuleForAllOfB);

        as(bToken).delete("/api/v1/alert-rules/" + bRule).then().statusCode(204);
        as(bToken).delete("/api/v1/alert-rules/" + bRuleForAllOfB).then().statusCode(204);
        as(bToken).delete("/api/v1/webhooks/" + bHook).then().statusCode(204);
        as(aToken).delete("/api/v1/alert-rules/" + aRule).then().statusCode(204);
        as(aToken).delete("/api/v1/webhooks/" + aHook).then().statusCode(204);
    }

    /**
     * Hole 1 of issue 12, over HTTP: an all-domains token creates rule R for domain A; an A-only token PUTs R without
     * a domain and with its own webhook. Before the fix the PUT succeeded and R, still owned by the all-domains token,
     * was evaluated over every domain into the tenant's webhook. Now R does not exist for the A-only token.
     */
    @Test
    void aScopedTokenCannotWidenARuleAnAllDomainsTokenMadeForItsDomain() {
        String adminHook = createWebhook(allToken, "admin pager");
        String rule = createRule(allToken, "admin rule for a", A, adminHook);
        String tenantHook = createWebhook(aToken, "tenant pager");

        Response widened = as(aToken).body(failureRateRule("every domain now", null, tenantHook, 0.05))
                .put("/api/v1/alert-rules/" + rule);
        Response unknown = as(aToken).body(failureRateRule("every domain now", null, tenantHook, 0.05))
                .put("/api/v1/alert-rules/no-such-rule");
        assertThat(widened.statusCode()).isEqualTo(404);
        assertThat(widened.asString().replace(rule, "ID")).isEqualTo(unknown.asString().replace("no-such-rule", "ID"));
        as(aToken).get("/api/v1/alert-rules/" + rule).then().statusCode(404);
        as(aToken).delete("/api/v1/alert-rules/" + rule).then().statusCode(404);
        assertThat(as(aToken).get("/api/v1/alert-rules").then().statusCode(200).extract().<List<String>>path("id"))
                .doesNotContain(rule);

        as(allToken).get("/api/v1/alert-rules/" + rule).then().statusCode(200)
                .body("domain", equalTo(A), "webhookIds", equalTo(List.of(adminHook)),
                        "name", equalTo("admin rule for a"));
        as(allToken).delete("/api/v1/alert-rules/" + rule).then().statusCode(204);
        as(allToken).delete("/api/v1/webhooks/" + adminHook).then().statusCode(204);
        as(aToken).delete("/api/v1/webhooks/" + tenantHook).then().statusCode(204);
    }

    @Test
    void webhookTargetsOnLoopbackLinkLocalAndPrivateAddressesAreRefusedByDefault() {
        Map<String, String> refused = Map.of(
                "http://127.0.0.1/", "loopback",
                "http://localhost:8080/hook", "loopback",
                "http://[::1]/", "loopback",
                "http://169.254.169.254/latest/meta-data/", "link-local",
                "http://10.0.0.1/", "private",
                "http://192.168.1.1/", "private",
                "http://[::ffff:127.0.0.1]/", "loopback");
        refused.forEach((url, kind) -> as(allToken).body(webhook("ssrf", url)).post("/api/v1/webhooks").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0]", containsString("a " + kind + " address")));
        assertThat(as(allToken).get("/api/v1/webhooks").then().statusCode(200).extract().<List<String>>path("name"))
                .doesNotContain("ssrf");

        // nor can an accepted webhook be pointed there later
        String hook = createWebhook(allToken, "public");
        as(allToken).body(webhook("public", "http://127.0.0.1:9/")).put("/api/v1/webhooks/" + hook).then()
                .statusCode(400).body("errors[0]", containsString("loopback"));
        as(allToken).get("/api/v1/webhooks/" + hook).then().statusCode(200).body("url", equalTo(PUBLIC_URL));
        as(allToken).delete("/api/v1/webhooks/" + hook).then().statusCode(204);
    }

    @Test
    void theDeliveryLogOfAWebhookListsItsAttemptsNewestFirst() throws Exception {
        String hook = createWebhook(aToken, "logged");
        as(aToken).get("/api/v1/webhooks/" + hook + "/deliveries").then().statusCode(200)
                .body("size()", equalTo(0));

        // two attempts of one delivery, written as the sender writes them
        DeliveryLog log = new DeliveryLog(new ClickHouseConnector(jdbcUrl, "default", password));
        Instant first = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(4);
        log.record(new DeliveryAttempt(hook, "delivery-1", "event-1", "rule-1", "fired", 1, first, 503,
                DeliveryAttempt.RETRYING, "HTTP 503", 120));
        log.record(new DeliveryAttempt(hook, "delivery-1", "event-1", "rule-1", "fired", 2, first.plusSeconds(2), 200,
                DeliveryAttempt.DELIVERED, "", 80));

        JsonPath attempts = as(aToken).get("/api/v1/webhooks/" + hook + "/deliveries").then().statusCode(200)
                .extract().jsonPath();
        assertThat(attempts.getList("attempt", Integer.class)).containsExactly(2, 1);
        assertThat(attempts.getList("outcome", String.class)).containsExactly("delivered", "retrying");
        assertThat(attempts.getList("status", Integer.class)).containsExactly(200, 503);
        assertThat(attempts.getString("[1].deliveryId")).isEqualTo("delivery-1");
        assertThat(attempts.getString("[1].eventId")).isEqualTo("event-1");
        assertThat(attempts.getString("[1].error")).isEqualTo("HTTP 503");
        assertThat(Instant.parse(attempts.getString("[1].attemptedAt"))).isEqualTo(first);
        as(aToken).queryParam("limit", 1).get("/api/v1/webhooks/" + hook + "/deliveries").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].attempt", equalTo(2));

        // the log is the webhook's: another tenant gets 404, an all-domains token sees it
        as(bToken).get("/api/v1/webhooks/" + hook + "/deliveries").then().statusCode(404);
        as(allToken).get("/api/v1/webhooks/" + hook + "/deliveries").then().statusCode(200)
                .body("size()", equalTo(2));
        as(aToken).get("/api/v1/webhooks/no-such-webhook/deliveries").then().statusCode(404);
        as(aToken).delete("/api/v1/webhooks/" + hook).then().statusCode(204);
    }
}
