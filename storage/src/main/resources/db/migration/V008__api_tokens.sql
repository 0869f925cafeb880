-- Bearer tokens of the query API (api role). Only a hash of each secret is stored: HMAC-SHA256 keyed with the
-- configured pepper (tlsrpt.api.token-pepper), so a copy of this table alone does not let anyone call the API.
-- A change (revocation, a new value for the environment token) is a new row with a higher version; readers take
-- the latest row per id (FINAL). Rows are never deleted: that a token was ever created is what tells the api role
-- not to generate and print a default token again.
CREATE TABLE IF NOT EXISTS api_tokens${LOCAL} ${ON_CLUSTER}
(
    id           String,
    secret_hash  FixedString(64),
    all_domains  Bool,
    domains      Array(String),
    label        String,
    origin       LowCardinality(String),
    created_at   DateTime64(3, 'UTC'),
    revoked_at   Nullable(DateTime64(3, 'UTC')),
    version      UInt64
)
ENGINE = ${ENGINE:ReplacingMergeTree(version)}
ORDER BY id;

${DISTRIBUTED api_tokens cityHash64(id)};
