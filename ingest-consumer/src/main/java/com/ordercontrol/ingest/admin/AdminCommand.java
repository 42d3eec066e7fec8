package com.ordercontrol.ingest.admin;

import com.ordercontrol.ingest.registry.NodeRegistry;
import com.ordercontrol.ingest.registry.NodeSummary;
import com.ordercontrol.ingest.registry.Venue;
import com.ordercontrol.ingest.reports.ReportTokens;
import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

/**
 * {@code admin <subcommand> ...}: the registry and finance tokens from a shell. New secrets and tokens
 * are printed once, here, and stored nowhere else in clear (tokens are hashed; node secrets are kept
 * because HMAC needs them, but never printed again). Exit status 0 on success, 2 on a usage error,
 * 1 when the registry refuses (message on stdout, without secrets).
 */
@Component
public class AdminCommand {

    static final String USAGE = """
            usage: admin <command>
              add-venue <venueId> <name> [<IANA zone, default UTC>]
              add-node <nodeId> <venueId> [--secret=<secret>] [--legacy]
                                                                    prints a new secret unless one is given;
                                                                    --legacy: may sign with the seed scheme alone
              rotate-secret <nodeId> [--overlap=PT24H]              prints the new secret once; old one valid for the overlap
              finish-rotation <nodeId>                              only the newest secret stays valid
              disable <nodeId> | enable <nodeId>
              require-webhooks <nodeId> <true|false>
              list                                                  nodes and venues, no secrets
              reencrypt-secrets                                     seal every node secret with INGEST_SECRETS_KEY
              issue-token <label> <venueId>[,<venueId>...] [--token=<token>]
                                                                    prints a new finance token once, or
                                                                    registers the given one (idempotent)
              revoke-token <id or label>
              list-tokens""";

    private final NodeRegistry registry;
    private final ReportTokens tokens;

    public AdminCommand(NodeRegistry registry, ReportTokens tokens) {
        this.registry = registry;
        this.tokens = tokens;
    }

    /** Runs the command named by the first non-option argument. */
    public int execute(ApplicationArguments args, PrintStream out) {
        List<String> words = args.getNonOptionArgs();
        if (words.isEmpty()) {
            out.println(USAGE);
            return 2;
        }
        try {
            return dispatch(words, args, out);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            out.println("refused: " + e.getMessage());
            return 1;
        }
    }

    private int dispatch(List<String> w, ApplicationArguments args, PrintStream out) {
        switch (w.get(0)) {
            case "add-venue" -> {
                need(w, 3);
                ZoneId zone = w.size() > 3 ? ZoneId.of(w.get(3)) : ZoneId.of("UTC");
                registry.addVenue(w.get(1), w.get(2), zone);
                out.println("venue " + w.get(1) + " (" + zone.getId() + ") saved");
            }
            case "add-node" -> {
                need(w, 3);
                String given = option(args, "secret");
                String secret = given != null ? given : NodeRegistry.newSecret();
                boolean legacy = args.containsOption("legacy");
                if (legacy) {
                    registry.addLegacyNode(w.get(1), w.get(2), secret);
                } else {
                    registry.addNode(w.get(1), w.get(2), secret);
                }
                out.println("node " + w.get(1) + " registered for venue " + w.get(2)
                        + (legacy ? " (legacy: seed signatures accepted without Standard Webhooks)" : ""));
                if (given == null) {
                    printSecretOnce(out, w.get(1), secret);
                }
            }
            case "rotate-secret" -> {
                need(w, 2);
                String overlap = option(args, "overlap");
                Duration window = overlap == null ? Duration.ofHours(24) : Duration.parse(overlap);
                String secret = registry.rotateSecret(w.get(1), window);
                out.println("rotation started for " + w.get(1) + "; previous secret(s) valid for " + window);
                printSecretOnce(out, w.get(1), secret);
            }
            case "finish-rotation" -> {
                need(w, 2);
                registry.finishRotation(w.get(1));
                out.println("only the newest secret of " + w.get(1) + " is valid now");
            }
            case "disable", "enable" -> {
                need(w, 2);
                registry.setEnabled(w.get(1), w.get(0).equals("enable"));
                out.println("node " + w.get(1) + " " + w.get(0) + "d");
            }
            case "require-webhooks" -> {
                need(w, 3);
                registry.setRequireWebhooks(w.get(1), Boolean.parseBoolean(w.get(2)));
                out.println("node " + w.get(1) + " require-webhooks=" + Boolean.parseBoolean(w.get(2)));
            }
            case "list" -> list(out);
            case "reencrypt-secrets" -> out.println(registry.reencryptSecrets() + " node secret(s) sealed with the "
                    + "current INGEST_SECRETS_KEY");
            case "issue-token" -> {
                need(w, 3);
                Set<String> venues = new LinkedHashSet<>(List.of(w.get(2).split(",")));
                String given = option(args, "token");
                if (given != null) {
                    tokens.register(given, w.get(1), venues);
                    out.println("finance token '" + w.get(1) + "' registered for " + venues);
                    return 0;
                }
                String token = tokens.issue(w.get(1), venues);
                out.println("finance token '" + w.get(1) + "' for " + venues + " (shown once, store it now):");
                out.println(token);
            }
            case "revoke-token" -> {
                need(w, 2);
                out.println(tokens.revoke(w.get(1)) + " token(s) revoked");
            }
            case "list-tokens" -> tokens.list().forEach(t -> out.printf("%s  %-20s %s%s%n", t.id(), t.label(),
                    t.venueIds(), t.revoked() ? "  REVOKED" : ""));
            default -> {
                out.println(USAGE);
                return 2;
            }
        }
        return 0;
    }

    private void list(PrintStream out) {
        out.printf("%-24s %-16s %-8s %-9s %-7s %s%n", "NODE", "VENUE", "ENABLED", "WEBHOOKS", "SECRETS",
                "ROTATION ENDS");
        for (NodeSummary n : registry.list()) {
            out.printf("%-24s %-16s %-8s %-9s %-7d %s%n", n.nodeId(), n.venueId(), n.enabled(), n.requireWebhooks(),
                    n.activeSecrets(), n.rotationEndsAt() == null ? "-" : n.rotationEndsAt());
        }
        out.println();
        for (Venue v : registry.venues()) {
            out.printf("venue %-16s %-24s %s%n", v.venueId(), v.name(), v.zone().getId());
        }
    }

    private static void printSecretOnce(PrintStream out, String nodeId, String secret) {
        out.println("new secret for " + nodeId + " (shown once; set it as SERVER_API_KEY on the node):");
        out.println(secret);
    }

    private static String option(ApplicationArguments args, String name) {
        List<String> values = args.getOptionValues(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static void need(List<String> words, int count) {
        if (words.size() < count) {
            throw new IllegalArgumentException("missing arguments\n" + USAGE);
        }
    }
}
