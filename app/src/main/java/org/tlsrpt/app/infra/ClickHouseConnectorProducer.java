package org.tlsrpt.app.infra;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.tlsrpt.storage.ClickHouseConnector;

/** The one {@link ClickHouseConnector} of the process, to whichever ClickHouse {@link Infrastructure} chose. */
@ApplicationScoped
public class ClickHouseConnectorProducer {

    @Produces
    @Singleton
    ClickHouseConnector clickHouseConnector(Infrastructure infrastructure) {
        return infrastructure.clickHouse()
                .orElseThrow(() -> new IllegalStateException("the configured roles run without ClickHouse"))
                .connector();
    }
}
