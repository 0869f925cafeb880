package org.tlsrpt.api.http;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The OpenAPI document's title and the bearer scheme every {@code /api/v1} operation requires. */
@OpenAPIDefinition(info = @Info(title = "tlsrpt query API", version = "v1",
        description = "SMTP TLS Reports (RFC 8460) counted once per report identity. Dates are UTC days, inclusive."))
@SecurityScheme(securitySchemeName = ApiDocument.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "a token from `tlsrpt token create`, TLSRPT_API_TOKEN, or the one printed on first start")
public final class ApiDocument {

    static final String BEARER = "bearer";

    private ApiDocument() {
    }
}
