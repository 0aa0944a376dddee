package dev.obs.benchmarks.e2e;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads {@code --name value} arguments (a bare {@code --flag} means true) over {@code E2E_NAME} variables. */
final class Settings {

    private Settings() {
    }

    static Map<String, String> read(String[] args, Map<String, String> environment, List<String> names) {
        Map<String, String> values = new HashMap<>();
        for (String name : names) {
            String fromEnvironment = environment.get("E2E_" + name.toUpperCase(Locale.ROOT));
            if (fromEnvironment != null && !fromEnvironment.isBlank()) {
                values.put(name, fromEnvironment.trim());
            }
        }
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || !names.contains(args[i].substring(2))) {
                throw new IllegalArgumentException("unknown argument " + args[i] + "; known: --" + String.join(", --", names));
            }
            String name = args[i].substring(2);
            boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
            values.put(name, hasValue ? args[++i] : "true");
        }
        return values;
    }
}
