package org.tlsrpt.api.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.tlsrpt.api.ApiConfig;
import org.tlsrpt.api.auth.TokenAuthenticator;
import org.tlsrpt.api.auth.TokenHasher;
import org.tlsrpt.api.auth.TokenStore;
import org.tlsrpt.api.query.DomainListQuery;
import org.tlsrpt.api.query.DomainSummaryQuery;
import org.tlsrpt.api.query.FailureBreakdownQuery;
import org.tlsrpt.api.query.QuarantineQuery;
import org.tlsrpt.api.query.ReportListQuery;
import org.tlsrpt.api.query.ReportQuery;
import org.tlsrpt.api.query.ReporterQuery;
import org.tlsrpt.storage.ClickHouseConnector;

/**
 * The api role's queries and token store over the one {@link ClickHouseConnector} the application provides (and
 * the {@link TokenHasher}, whose pepper the application resolves).
 * Created on first use, so a process that does not run the api role never builds them.
 */
@ApplicationScoped
public class ApiComponents {

    @Produces
    @Singleton
    TokenStore tokenStore(ClickHouseConnector connector, TokenHasher hasher) {
        return new TokenStore(connector, hasher);
    }

    @Produces
    @Singleton
    TokenAuthenticator tokenAuthenticator(TokenStore store, ApiConfig config) {
        return new TokenAuthenticator(store, config.tokenCacheTtl());
    }

    @Produces
    @Singleton
    DomainListQuery domainListQuery(ClickHouseConnector connector) {
        return new DomainListQuery(connector);
    }

    @Produces
    @Singleton
    DomainSummaryQuery domainSummaryQuery(ClickHouseConnector connector) {
        return new DomainSummaryQuery(connector);
    }

    @Produces
    @Singleton
    FailureBreakdownQuery failureBreakdownQuery(ClickHouseConnector connector) {
        return new FailureBreakdownQuery(connector);
    }

    @Produces
    @Singleton
    ReporterQuery reporterQuery(ClickHouseConnector connector) {
        return new ReporterQuery(connector);
    }

    @Produces
    @Singleton
    ReportListQuery reportListQuery(ClickHouseConnector connector) {
        return new ReportListQuery(connector);
    }

    @Produces
    @Singleton
    ReportQuery reportQuery(ClickHouseConnector connector) {
        return new ReportQuery(connector);
    }

    @Produces
    @Singleton
    QuarantineQuery quarantineQuery(ClickHouseConnector connector) {
        return new QuarantineQuery(connector);
    }
}
