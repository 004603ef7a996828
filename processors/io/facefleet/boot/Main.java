package io.facefleet.boot;

import io.facefleet.cli.Cli;

/**
 * Entry point of {@code facefleet.jar}: a CLI verb runs the command line; anything else starts
 * the service (Camel Main) with the tiers and profile its configuration names.
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
        ServiceMain.run(args);
    }
}
