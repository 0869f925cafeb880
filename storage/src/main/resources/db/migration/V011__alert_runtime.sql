-- What the alert evaluator remembers: the state of every condition it has seen (latest version wins), the log of
-- webhook delivery attempts, and a lease so that one processor instance evaluates at a time (docs/alerts.md).
CREATE TABLE IF NOT EXISTS alert_state${LOCAL} ${ON_CLUSTER}
(
    rule_id        String,
    condition_key  String,
    version        UInt64,
    active         Bool,
    sequence       UInt32,
    domain         String,
    summary        String,
    changed_at     DateTime64(3, 'UTC')
)
ENGINE = ${ENGINE:ReplacingMergeTree(version)}
ORDER BY (rule_id, condition_key);

${DISTRIBUTED alert_state cityHash64(rule_id)};

CREATE TABLE IF NOT EXISTS webhook_deliveries${LOCAL} ${ON_CLUSTER}
(
    webhook_id     String,
    delivery_id    String,
    event_id       String,
    rule_id        String,
    event          LowCardinality(String),
    attempt        UInt16,
    attempted_at   DateTime64(3, 'UTC'),
    status         UInt16,
    outcome        LowCardinality(String),
    error          String,
    duration_ms    UInt32
)
ENGINE = ${ENGINE:MergeTree}
PARTITION BY toYYYYMM(attempted_at)
ORDER BY (webhook_id, attempted_at, delivery_id, attempt)
TTL toDateTime(attempted_at) + INTERVAL 30 DAY;

${DISTRIBUTED webhook_deliveries cityHash64(webhook_id)};

CREATE TABLE IF NOT EXISTS alert_leases${LOCAL} ${ON_CLUSTER}
(
    name        String,
    holder      String,
    expires_at  DateTime64(3, 'UTC'),
    version     UInt64
)
ENGINE = ${ENGINE:ReplacingMergeTree(version)}
ORDER BY name;

${DISTRIBUTED alert_leases cityHash64(name)};
