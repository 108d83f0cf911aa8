-- The serving nodes of a cluster: each registers itself with a heartbeat and publishes how far its
-- verification cache has applied the change log, so that a caller can wait until every live node
-- has applied a change (?wait=applied).
CREATE TABLE cluster_nodes (
    node_id         VARCHAR(64) PRIMARY KEY,
    host            VARCHAR(200) NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    -- Every change committed before this instant (database clock) has been applied by the node.
    applied_through TIMESTAMP WITH TIME ZONE,
    -- The highest change-log id the node has applied, for operators.
    applied_change  BIGINT
);
