package io.facefleet.boot;

import io.facefleet.cli.Cli;
import java.util.Arrays;

/**
 * Entry point of {@code facefleet.jar}: a CLI verb runs the command line; {@code serve}, or only
 * {@code key=value} settings (or nothing), starts the service (Camel Main) with the tiers and
 * profile its configuration names. {@code --help}, {@code -h} and every usage error print the
 * usage and exit with 2.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        // DJL must never try to download anything: the native library and weights are bundled
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        if (args.length > 0 && Cli.VERBS.contains(args[0])) {
            System.exit(Cli.run(args, System.out, System.err));
        }
        boolean serve = args.length > 0 && args[0].equals("serve");
        String[] settings = serve ? Arrays.copyOfRange(args, 1, args.length) : args;
        if (Arrays.stream(settings).anyMatch(Cli.HELP_FLAGS::contains)) {
            System.out.print(Cli.usage());
            System.exit(2);
        }
        if (!serve && settings.length > 0 && !settings[0].contains("=")) {
            System.exit(Cli.usageError("unknown verb " + settings[0], System.err));
        }
        Settings s;
        try {
            s = Settings.load(settings);
        } catch (IllegalArgumentException e) {
            System.exit(Cli.usageError(e.getMessage(), System.err));
            return;
        }
        ServiceMain.run(s);
    }
}
