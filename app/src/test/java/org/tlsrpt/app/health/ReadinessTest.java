package org.tlsrpt.app.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = EmbeddedInfrastructureResource.class, restrictToAnnotatedClass = false)
class ReadinessTest {

    @Test
    void readinessIsUpWhenKafkaAndClickHouseAnswer() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("kafka", "clickhouse", "processor"))
                .body("checks.find { it.name == 'kafka' }.data.nodes", equalTo(1))
                .body("checks.find { it.name == 'kafka' }.data.origin", equalTo("external"))
                .body("checks.find { it.name == 'clickhouse' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'processor' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'processor' }.data.'tlsrpt.reports'", equalTo("UP"))
                .body("checks.find { it.name == 'processor' }.data.'tlsrpt.quarantine'", equalTo("UP"));
    }

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
