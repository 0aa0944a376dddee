package dev.obs.metrics.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** A parsed exposition (Prometheus text or OpenMetrics): its samples, with their labels and exemplars. */
public final class Exposition {

    /** One sample line; {@code exemplar} holds the exemplar's labels, empty when it has none. */
    public record Sample(String name, Map<String, String> labels, double value, Map<String, String> exemplar) {
        public String label(String key) {
            return labels.get(key);
        }
    }

    private final String text;
    private final List<Sample> samples;

    private Exposition(String text, List<Sample> samples) {
        this.text = text;
        this.samples = samples;
    }

    public static Exposition parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            samples.add(parseLine(line));
        }
        return new Exposition(text, List.copyOf(samples));
    }

    private static Sample parseLine(String line) {
        int[] pos = {0};
        String name = readName(line, pos);
        Map<String, String> labels = line.charAt(pos[0]) == '{' ? readLabels(line, pos) : Map.of();
        String rest = line.substring(pos[0]).trim();
        Map<String, String> exemplar = Map.of();
        int hash = rest.indexOf(" # {");
        if (hash >= 0) {
            int[] exemplarPos = {hash + 3};
            exemplar = readLabels(rest, exemplarPos);
            rest = rest.substring(0, hash);
        }
        String value = rest.split(" ")[0];
        return new Sample(name, labels, parseValue(value), exemplar);
    }

    private static double parseValue(String value) {
        switch (value) {
            case "+Inf": return Double.POSITIVE_INFINITY;
            case "-Inf": return Double.NEGATIVE_INFINITY;
            case "NaN": return Double.NaN;
            default: return Double.parseDouble(value);
        }
    }

    private static String readName(String line, int[] pos) {
        int start = pos[0];
        while (pos[0] < line.length() && line.charAt(pos[0]) != '{' && line.charAt(pos[0]) != ' ') {
            pos[0]++;
        }
        return line.substring(start, pos[0]);
    }

    private static Map<String, String> readLabels(String line, int[] pos) {
        Map<String, String> labels = new LinkedHashMap<>();
        pos[0]++; // '{'
        while (line.charAt(pos[0]) != '}') {
            int eq = line.indexOf('=', pos[0]);
            String key = line.substring(pos[0], eq).trim();
            pos[0] = eq + 2; // past ="
            StringBuilder value = new StringBuilder();
            while (line.charAt(pos[0]) != '"') {
                char c = line.charAt(pos[0]++);
                if (c == '\\') {
                    char escaped = line.charAt(pos[0]++);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            pos[0]++; // closing quote
            if (line.charAt(pos[0]) == ',') {
                pos[0]++;
            }
            labels.put(key, value.toString());
        }
        pos[0]++; // '}'
        return labels;
    }

    public String text() {
        return text;
    }

    public List<Sample> samples() {
        return samples;
    }

    /** The samples named exactly {@code name}. */
    public List<Sample> samples(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).collect(Collectors.toList());
    }

    /** The one sample named {@code name} whose labels include the given pairs; fails when there is none or several. */
    public Sample sample(String name, String... labelPairs) {
        List<Sample> found = samples(name).stream().filter(s -> matches(s, labelPairs)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + name + " with " + List.of(labelPairs) + " but found " + found.size()
                    + ":\n" + found.stream().map(Objects::toString).collect(Collectors.joining("\n"))
                    + "\nin:\n" + samples(name).stream().map(Objects::toString).collect(Collectors.joining("\n")));
        }
        return found.get(0);
    }

    /** The value of the one matching sample (see {@link #sample}). */
    public double value(String name, String... labelPairs) {
        return sample(name, labelPairs).value();
    }

    private static boolean matches(Sample sample, String... labelPairs) {
        for (int i = 0; i < labelPairs.length; i += 2) {
            if (!labelPairs[i + 1].equals(sample.labels().get(labelPairs[i]))) {
                return false;
            }
        }
        return true;
    }

    /** The metric families named in {@code # TYPE} lines, with their types. */
    public Map<String, String> types() {
        Map<String, String> types = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                types.put(parts[2], parts[3]);
            }
        }
        return types;
    }
}
