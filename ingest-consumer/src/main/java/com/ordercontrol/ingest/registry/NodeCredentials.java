package com.ordercontrol.ingest.registry;

import com.ordercontrol.ingest.IngestSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The ingest path's view of the registry: each node's state and signers, cached for at most
 * {@code ingest.node-cache-ttl} (default 5 s). A disable, enable, rotation or new node therefore takes
 * effect on every instance within that bound, without any call between instances. Unknown nodes are
 * cached the same way, so a flood of one unknown id costs no more database work than a known one. At
 * most {@link #MAX_ENTRIES} entries; past that the cache starts over.
 */
@Component
public class NodeCredentials {

    static final int MAX_ENTRIES = 10_000;

    private record Entry(Optional<RegisteredNode> node, long loadedAtNanos) {
    }

    private final Function<String, Optional<RegisteredNode>> loader;
    private final long ttlNanos;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Autowired
    public NodeCredentials(NodeRegistry registry, IngestSettings settings) {
        this(registry::find, settings.nodeCacheTtl());
    }

    /** A cache over any loader (tests); {@code ttl} zero means no caching. */
    public NodeCredentials(Function<String, Optional<RegisteredNode>> loader, Duration ttl) {
        this.loader = loader;
        this.ttlNanos = ttl.toNanos();
    }

    /** The node as the registry held it at most one TTL ago; a database failure propagates. */
    public Optional<RegisteredNode> find(String nodeId) {
        long now = System.nanoTime();
        Entry entry = entries.get(nodeId);
        if (entry != null && now - entry.loadedAtNanos() < ttlNanos) {
            return entry.node();
        }
        Optional<RegisteredNode> node = loader.apply(nodeId);
        if (ttlNanos > 0) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(nodeId, new Entry(node, now));
        }
        return node;
    }
}
