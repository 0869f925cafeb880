package org.tlsrpt.embedded.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the configured topics that are missing and raises partition counts that are below the configuration. The
 * nodes of a cluster each run it at start: a topic another node created a moment earlier is not an error.
 */
final class TopicProvisioner {

    private TopicProvisioner() {
    }

    static void provision(Admin admin, List<TopicSpec> topics, EmbeddedKafkaConfig config, long timeoutMillis)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (topics.isEmpty()) {
            return;
        }
        Set<String> existing = admin.listTopics().names().get(timeoutMillis, TimeUnit.MILLISECONDS);
        List<NewTopic> create = new ArrayList<>();
        List<String> known = new ArrayList<>();
        for (TopicSpec topic : topics) {
            if (existing.contains(topic.name())) {
                known.add(topic.name());
            } else {
                create.add(new NewTopic(topic.name(), topic.partitions(), (short) config.replicationFactor())
                        .configs(Map.of(
                                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(config.maxMessageBytes()),
                                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(config.minInsyncReplicas()))));
            }
        }
        if (!create.isEmpty()) {
            try {
                admin.createTopics(create).all().get(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        if (!known.isEmpty()) {
            Map<String, TopicDescription> descriptions =
                    admin.describeTopics(known).allTopicNames().get(timeoutMillis, TimeUnit.MILLISECONDS);
            Map<String, NewPartitions> raise = new HashMap<>();
            for (TopicSpec topic : topics) {
                TopicDescription description = descriptions.get(topic.name());
                if (description != null && description.partitions().size() < topic.partitions()) {
                    raise.put(topic.name(), NewPartitions.increaseTo(topic.partitions()));
                }
            }
            if (!raise.isEmpty()) {
                admin.createPartitions(raise).all().get(timeoutMillis, TimeUnit.MILLISECONDS);
            }
        }
    }
}
