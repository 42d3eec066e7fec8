package com.ordercontrol.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} / {@code --name=value} options; unknown names are refused with the allowed ones. */
final class Options {

    private final Map<String, String> values = new HashMap<>();

    Options(String[] args, Set<String> allowed) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
            String name;
            String value;
            int eq = a.indexOf('=');
            if (eq > 0) {
                name = a.substring(2, eq);
                value = a.substring(eq + 1);
            } else {
                name = a.substring(2);
                value = i + 1 < args.length && !args[i + 1].startsWith("--") ? args[++i] : "true";
            }
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; options: " + List.copyOf(allowed));
            }
            values.merge(name, value, (x, y) -> x + "\u0000" + y);
        }
    }

    String text(String name, String dflt) {
        String v = values.get(name);
        return v == null ? dflt : v;
    }

    List<String> all(String name) {
        String v = values.get(name);
        return v == null ? List.of() : List.of(v.split("\u0000"));
    }

    int integer(String name, int dflt) {
        String v = values.get(name);
        try {
            return v == null ? dflt : Integer.parseInt(v.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, not " + v);
        }
    }

    double decimal(String name, double dflt) {
        String v = values.get(name);
        try {
            return v == null ? dflt : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, not " + v);
        }
    }
}
