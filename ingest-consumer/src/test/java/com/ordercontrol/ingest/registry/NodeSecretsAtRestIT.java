package com.ordercontrol.ingest.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.ordercontrol.contract.EventSigner;
import com.ordercontrol.ingest.support.CloudServers;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 10 item 7: with a key, {@code node_secrets} holds no usable secret, the registry still verifies,
 * registering again stays idempotent, and a key rotation re-seals every row.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "ingest.consumer-enabled=false")
class NodeSecretsAtRestIT {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        CloudServers.register(registry, "secrets_at_rest_it");
    }

    @Autowired
    JdbcTemplate jdbc;

    List<String> stored(String nodeId) {
        return jdbc.queryForList("select secret from node_secrets where node_id = ? order by secret_id", String.class,
                nodeId);
    }

    @Test
    void secretsAreSealedAtRestAndRotateToANewKey() {
        NodeRegistry withKey1 = new NodeRegistry(jdbc, Clock.systemUTC(),
                SecretCipher.of(SecretCipherTest.KEY_1, null));
        withKey1.addVenue("venue-s", "S", ZoneId.of("UTC"));
        withKey1.addNode("node-s", "venue-s", "secret-of-s");
        withKey1.addNode("node-s", "venue-s", "secret-of-s");
        String rotated = withKey1.rotateSecret("node-s", Duration.ofHours(1));

        assertThat(stored("node-s")).hasSize(2).allSatisfy(s -> assertThat(s).startsWith("aesgcm:v1:")
                .doesNotContain("secret-of-s").doesNotContain(rotated));
        byte[] body = "{}".getBytes();
        String signature = EventSigner.withSecret("secret-of-s").signatureHeader(body);
        assertThat(withKey1.find("node-s").orElseThrow().signers()).anyMatch(
                signer -> signer.signatureHeader(body).equals(signature));

        NodeRegistry withKey2 = new NodeRegistry(jdbc, Clock.systemUTC(),
                SecretCipher.of(SecretCipherTest.KEY_2, SecretCipherTest.KEY_1));
        assertThat(withKey2.reencryptSecrets()).isEqualTo(2);
        assertThat(withKey2.reencryptSecrets()).isZero();
        List<String> resealed = stored("node-s");
        NodeRegistry onlyKey2 = new NodeRegistry(jdbc, Clock.systemUTC(), SecretCipher.of(SecretCipherTest.KEY_2, null));
        assertThat(onlyKey2.find("node-s").orElseThrow().signers()).hasSize(2).anyMatch(
                signer -> signer.signatureHeader(body).equals(signature));
        assertThat(resealed).allSatisfy(s -> assertThat(s).doesNotContain("secret-of-s"));
    }
}
