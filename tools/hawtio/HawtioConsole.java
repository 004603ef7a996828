/**
 * Starts Hawtio's standalone console with command-line options (--port, --host, ...).
 * hawtio-embedded's own main method ignores its arguments; Main.run parses them.
 * Run in Java's source-file mode with hawtio-embedded on the class path (see hawtio.sh).
 */
public class HawtioConsole {
    public static void main(String[] args) {
        io.hawt.embedded.Main.run(args);
    }
}
