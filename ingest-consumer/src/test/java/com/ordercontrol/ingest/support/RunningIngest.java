package com.ordercontrol.ingest.support;

import com.ordercontrol.ingest.monitoring.IngestCounters;
import com.ordercontrol.ingest.registry.NodeRegistry;
import com.ordercontrol.ingest.reports.ReportTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the ingest ITs share: the running service's public port and the beans they drive it with. Each IT
 * class is a {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} that names its own database on the
 * shared servers in its {@code @DynamicPropertySource} ({@link CloudServers#register}).
 */
public abstract class RunningIngest {

    @LocalServerPort
    protected int port;
    @Autowired
    protected NodeRegistry registry;
    @Autowired
    protected ReportTokens tokens;
    @Autowired
    protected IngestCounters counters;
    @Autowired
    protected JdbcTemplate jdbc;
    @Value("${ingest.topic}")
    protected String topic;
}
