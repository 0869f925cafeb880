-- Alert rules and webhooks, edited through the API. Rows are mutable: every change inserts the whole row again with
-- a higher version, a delete inserts it with deleted = 1; readers take the latest version per id with FINAL and skip
-- deleted ones. owner_* is the scope of the token that created the row: a rule without a domain covers exactly
-- those domains, and only callers whose scope covers it see the row.
CREATE TABLE IF NOT EXISTS alert_rules${LOCAL} ${ON_CLUSTER}
(
    id               String,
    version          UInt64,
    deleted          UInt8,
    owner_all        Bool,
    owner_domains    Array(String),
    name             String,
    kind             LowCardinality(String),
    domain           Nullable(String),
    threshold        Float64,
    window_hours     UInt32,
    min_sessions     UInt64,
    silent_days      UInt32,
    factor           Float64,
    baseline_days    UInt32,
    min_failures     UInt64,
    webhook_ids      Array(String),
    notify_resolved  Bool,
    enabled          Bool,
    created_at       DateTime64(3, 'UTC'),
    updated_at       DateTime64(3, 'UTC')
)
ENGINE = ${ENGINE:ReplacingMergeTree(version)}
ORDER BY id;

${DISTRIBUTED alert_rules cityHash64(id)};

-- The secret signs deliveries, so it is stored as it is (not hashed); it is returned once, at creation.
CREATE TABLE IF NOT EXISTS webhooks${LOCAL} ${ON_CLUSTER}
(
    id               String,
    version          UInt64,
    deleted          UInt8,
    owner_all        Bool,
    owner_domains    Array(String),
    name             String,
    url              String,
    format           LowCardinality(String),
    secret           String,
    created_at       DateTime64(3, 'UTC'),
    updated_at       DateTime64(3, 'UTC')
)
ENGINE = ${ENGINE:ReplacingMergeTree(version)}
ORDER BY id;

${DISTRIBUTED webhooks cityHash64(id)};
