package org.tlsrpt.embedded.kafka;

import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;

/**
 * This node's place in a multi-node KRaft cluster on loopback: every node is broker and controller, the voters are
 * all nodes. Replication follows the size of the cluster: every topic (internal ones too) is replicated on all
 * nodes and a write needs all but one of them ({@code min.insync.replicas}), so the cluster survives the loss of
 * one node without losing an acknowledged record. Without a cluster the broker runs alone (replication 1).
 *
 * @param nodeId          this node's {@code node.id}; one of the voters
 * @param controllerPorts controller port on 127.0.0.1 of every voter, by node id (at least 3, an odd number)
 * @param clusterId       the cluster id every node formats its storage with (a Kafka base64 UUID)
 */
public record KraftCluster(int nodeId, SortedMap<Integer, Integer> controllerPorts, String clusterId) {

    public KraftCluster {
        Objects.requireNonNull(clusterId, "clusterId");
        controllerPorts = new TreeMap<>(Objects.requireNonNull(controllerPorts, "controllerPorts"));
        if (controllerPorts.size() < 3 || controllerPorts.size() % 2 == 0) {
            throw new IllegalArgumentException("a KRaft cluster needs an odd number of voters, at least 3, was "
                    + controllerPorts.size());
        }
        if (!controllerPorts.containsKey(nodeId)) {
            throw new IllegalArgumentException("node " + nodeId + " is not one of the voters " + controllerPorts);
        }
        controllerPorts.forEach((id, port) -> {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("controller port of node " + id + " must be 1-65535, was " + port);
            }
        });
        if (controllerPorts.values().stream().distinct().count() != controllerPorts.size()) {
            throw new IllegalArgumentException("controller ports must differ: " + controllerPorts);
        }
        try {
            Uuid.fromString(clusterId);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cluster id must be a Kafka base64 UUID, was '" + clusterId + "'", e);
        }
    }

    /** Parses {@code 1@9093,2@9095,3@9097}: node id at controller port on 127.0.0.1. */
    public static SortedMap<Integer, Integer> parseVoters(String voters) {
        SortedMap<Integer, Integer> ports = new TreeMap<>();
        for (String voter : voters.split(",")) {
            String[] parts = voter.trim().split("@");
            if (parts.length != 2) {
                throw new IllegalArgumentException("expected NODE@PORT in '" + voters + "', got '" + voter + "'");
            }
            if (ports.put(Integer.parseInt(parts[0]), Integer.parseInt(parts[1])) != null) {
                throw new IllegalArgumentException("node " + parts[0] + " is listed twice in '" + voters + "'");
            }
        }
        return ports;
    }

    /** This node's controller port. */
    public int controllerPort() {
        return controllerPorts.get(nodeId);
    }

    /** {@code controller.quorum.voters}: {@code 1@127.0.0.1:9093,...}. */
    public String quorumVoters(String host) {
        return controllerPorts.entrySet().stream().map(e -> e.getKey() + "@" + host + ":" + e.getValue())
                .collect(Collectors.joining(","));
    }

    /** Replicas of every topic: one on each node. */
    public int replicationFactor() {
        return controllerPorts.size();
    }

    /** Acknowledged writes survive the loss of one node, and writes go on while one node is down. */
    public int minInsyncReplicas() {
        return controllerPorts.size() - 1;
    }
}
