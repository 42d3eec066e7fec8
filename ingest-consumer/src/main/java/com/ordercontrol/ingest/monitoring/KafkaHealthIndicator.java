package com.ordercontrol.ingest.monitoring;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code kafka}: UP when the brokers answer a cluster description within 3 s. Part of
 * the readiness group (management.endpoint.health.group.readiness), so a load balancer stops sending
 * events while they could not be stored (the ingest would answer 503 anyway).
 */
@Component("kafka")
class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    private final KafkaAdmin kafkaAdmin;
    private AdminClient client;

    KafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        super("Kafka health check failed");
        this.kafkaAdmin = kafkaAdmin;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        var cluster = client().describeCluster(new DescribeClusterOptions().timeoutMs(3000));
        Collection<Node> nodes = cluster.nodes().get(4, TimeUnit.SECONDS);
        builder.up().withDetail("clusterId", cluster.clusterId().get(4, TimeUnit.SECONDS))
                .withDetail("brokers", nodes.size());
    }

    private synchronized AdminClient client() {
        if (client == null) {
            client = AdminClient.create(kafkaAdmin.getConfigurationProperties());
        }
        return client;
    }

    @Override
    public synchronized void destroy() {
        if (client != null) {
            client.close(java.time.Duration.ofSeconds(2));
        }
    }
}
