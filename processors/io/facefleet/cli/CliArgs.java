package io.facefleet.cli;

import io.facefleet.engine.Attribute;
import io.facefleet.scaling.sim.SimulateCommand;
import io.facefleet.scaling.sim.Trace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parsed command line: verb, {@code --option value} pairs, positional arguments. */
record CliArgs(String verb, Map<String, String> options, List<String> positional) {

    private static final Set<String> OPTIONS = Set.of("data-dir", "threshold", "model-dir", "unknown", "name", "dir", "csv", "images",
            "trace", "policy", "boot-seconds", "service-ms", "out", "collection",
            "attributes");
    /** The verbs that can add face attributes to their answer. */
    private static final Set<String> WITH_ATTRIBUTES = Set.of("embed", "detect", "identify");

    static CliArgs parse(String[] args) {
        if (args.length == 0 || !Cli.VERBS.contains(args[0])) {
            throw new IllegalArgumentException(args.length == 0 ? "no verb given" : "unknown verb " + args[0]);
        }
        Map<String, String> options = new HashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                String name = args[i].substring(2);
                if (!OPTIONS.contains(name)) {
                    throw new IllegalArgumentException("unknown option --" + name);
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option --" + name + " needs a value");
                }
                options.put(name, args[++i]);
            } else {
                positional.add(args[i]);
            }
        }
        CliArgs a = new CliArgs(args[0], options, positional);
        a.check();
        return a;
    }

    private void check() {
        switch (verb) {
            case "embed", "detect", "identify" -> require(!positional.isEmpty(), verb + " needs at least one IMAGE");
            case "verify" -> require(positional.size() == 2, "verify needs exactly two IMAGEs");
            case "enroll" -> {
                int modes = (options.containsKey("name") ? 1 : 0) + (options.containsKey("dir") ? 1 : 0)
                        + (options.containsKey("csv") ? 1 : 0);
                require(modes == 1, "enroll needs one of --name NAME IMAGE..., --dir DIR, --csv CSV --images DIR");
                require(!options.containsKey("name") || !positional.isEmpty(), "enroll --name needs at least one IMAGE");
                require(!options.containsKey("csv") || options.containsKey("images"), "enroll --csv needs --images DIR");
            }
            case "simulate" -> checkSimulate();
            default -> { }
        }
        require(!options.containsKey("attributes") || WITH_ATTRIBUTES.contains(verb),
                "--attributes goes with embed, detect or identify");
        attributes();
        threshold();
    }

    private void checkSimulate() {
        require(positional.contains("all") || options.containsKey("trace"),
                "simulate needs --trace NAME (" + String.join(", ", Trace.NAMES) + ") or all");
        if (!positional.contains("all")) {
            require(Trace.NAMES.contains(option("trace")), "unknown trace " + option("trace") + "; one of " + Trace.NAMES);
            SimulateCommand.policy(policy(), SimulateCommand.SERVICE_MILLIS);
            bootSeconds();
            serviceMillis();
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    String option(String name) {
        return options.get(name);
    }

    /** The gallery collection the verb works on. */
    String collection() {
        return options.getOrDefault("collection", "default");
    }

    Path dataDir() {
        return Path.of(options.getOrDefault("data-dir", "data"));
    }

    /** The face attributes asked for with --attributes (none without it). */
    Set<Attribute> attributes() {
        try {
            return Attribute.parse(options.get("attributes"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--attributes: " + e.getMessage(), e);
        }
    }

    String modelDir() {
        return options.get("model-dir");
    }

    String unknownLabel() {
        return options.getOrDefault("unknown", "Unknown");
    }

    String policy() {
        return options.getOrDefault("policy", "facefleet");
    }

    long bootSeconds() {
        return count("boot-seconds", 60);
    }

    long serviceMillis() {
        return count("service-ms", SimulateCommand.SERVICE_MILLIS);
    }

    /** A whole number option, at least 0. */
    private long count(String name, long fallback) {
        String v = options.get(name);
        try {
            long n = v == null ? fallback : Long.parseLong(v);
            require(n >= 0, "--" + name + " must not be negative");
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got " + v);
        }
    }

    float threshold() {
        String t = options.getOrDefault("threshold", "0.6");
        try {
            float v = Float.parseFloat(t);
            require(v > 0, "--threshold must be positive");
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--threshold must be a number, got " + t);
        }
    }
}
