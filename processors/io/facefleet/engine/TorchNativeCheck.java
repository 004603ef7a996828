package io.facefleet.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;

/**
 * Checks, before DJL loads PyTorch, that the native library the settings ask for is there and
 * matches: a GPU needs a CUDA build of libtorch named by {@code PYTORCH_LIBRARY_PATH} with
 * {@code PYTORCH_FLAVOR} set to its CUDA flavour, of the version the bundled pytorch-jni was built
 * for, with that flavour's JNI library in the jar. Each problem is named with what to do; DJL alone
 * would fall back to the CPU library without a word, or try to download one (README, GPU).
 */
public final class TorchNativeCheck {

    /** libtorch's main library, the file DJL looks for in {@code PYTORCH_LIBRARY_PATH}. */
    static final String LIBTORCH = System.mapLibraryName("torch");
    /** Only a CUDA build of libtorch has it. */
    static final String LIBTORCH_CUDA = System.mapLibraryName("torch_cuda");
    private static final String JNI = System.mapLibraryName("djl_torch");

    /** What the bundled pytorch-jni jar offers: its version ({@code 2.7.1-0.36.0}) and its JNI libraries. */
    public record Jni(String version, Function<String, Boolean> hasLibrary) {

        /** The libtorch version it was built for: {@code 2.7.1} of {@code 2.7.1-0.36.0}. */
        String torchVersion() {
            int dash = version.indexOf('-');
            return dash < 0 ? version : version.substring(0, dash);
        }

        /** The jar on the class path. */
        public static Jni bundled() {
            Properties p = new Properties();
            try (InputStream in = TorchNativeCheck.class.getResourceAsStream("/jnilib/pytorch.properties")) {
                if (in == null) {
                    throw new IllegalStateException("ai.djl.pytorch:pytorch-jni is not on the class path");
                }
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Jni(p.getProperty("jni_version", "?"),
                    path -> TorchNativeCheck.class.getResource("/jnilib/" + path) != null);
        }
    }

    private TorchNativeCheck() {
    }

    /** Throws with every problem named when the native library cannot serve {@code device}. */
    public static void verify(String device) {
        List<String> problems = problems(device, TorchNativeCheck::setting, Jni.bundled(), classifier());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("PyTorch native library: " + String.join("; ", problems)
                    + " (README, GPU)");
        }
    }

    /**
     * The problems, none when all is well.
     *
     * @param device {@code cpu} or {@code gpu}
     * @param settings PYTORCH_LIBRARY_PATH, PYTORCH_FLAVOR, PYTORCH_VERSION as DJL reads them
     * @param classifier DJL's platform, e.g. {@code linux-x86_64}
     */
    static List<String> problems(String device, Function<String, String> settings, Jni jni, String classifier) {
        List<String> problems = new ArrayList<>();
        boolean gpu = "gpu".equalsIgnoreCase(device);
        String libraryPath = blankToNull(settings.apply("PYTORCH_LIBRARY_PATH"));
        String flavour = blankToNull(settings.apply("PYTORCH_FLAVOR"));
        String version = blankToNull(settings.apply("PYTORCH_VERSION"));
        boolean cudaFlavour = flavour != null && flavour.startsWith("cu");
        if (gpu && !cudaFlavour) {
            problems.add("facefleet.engine.device=gpu needs PYTORCH_FLAVOR set to the CUDA flavour of the local libtorch"
                    + " (e.g. cu128), it is " + (flavour == null ? "unset" : flavour)
                    + "; the bundled pytorch-native-cpu has no CUDA");
        }
        if (gpu && libraryPath == null) {
            problems.add("facefleet.engine.device=gpu needs PYTORCH_LIBRARY_PATH naming the lib folder of a CUDA build"
                    + " of libtorch " + jni.torchVersion() + ", it is unset");
        }
        if (version != null && !version.equals(jni.torchVersion())) {
            problems.add("PYTORCH_VERSION=" + version + " but pytorch-jni " + jni.version() + " is built for libtorch "
                    + jni.torchVersion());
        }
        if (flavour != null && !jni.hasLibrary().apply(classifier + "/" + flavour + "/" + JNI)) {
            problems.add("pytorch-jni " + jni.version() + " has no JNI library for " + classifier + "/" + flavour
                    + " (it has cpu" + (jni.hasLibrary().apply(classifier + "/cu128/" + JNI) ? " and cu128" : "")
                    + "), and DJL cannot download one offline");
        }
        if (libraryPath != null) {
            Path dir = libtorchDir(libraryPath);
            if (dir == null) {
                problems.add("PYTORCH_LIBRARY_PATH=" + libraryPath + " holds no " + LIBTORCH
                        + " (name the lib folder of the libtorch archive)");
            } else {
                checkLibtorch(dir, flavour, cudaFlavour, jni, problems);
            }
        }
        return problems;
    }

    private static void checkLibtorch(Path dir, String flavour, boolean cudaFlavour, Jni jni, List<String> problems) {
        boolean cudaBuild = Files.isRegularFile(dir.resolve(LIBTORCH_CUDA));
        if (cudaFlavour && !cudaBuild) {
            problems.add("libtorch in " + dir + " is a CPU build (no " + LIBTORCH_CUDA + ") but PYTORCH_FLAVOR="
                    + flavour);
        }
        if (cudaBuild && !cudaFlavour) {
            problems.add("libtorch in " + dir + " is a CUDA build but PYTORCH_FLAVOR is "
                    + (flavour == null ? "unset" : flavour) + ": set it to its CUDA flavour (e.g. cu128)");
        }
        // the libtorch archive says what it is in build-version beside lib/, e.g. "2.7.1+cu128"
        Path buildVersion = dir.resolveSibling("build-version");
        if (Files.isRegularFile(buildVersion)) {
            String built = read(buildVersion);
            String builtVersion = built.contains("+") ? built.substring(0, built.indexOf('+')) : built;
            String builtFlavour = built.contains("+") ? built.substring(built.indexOf('+') + 1) : null;
            if (!builtVersion.equals(jni.torchVersion())) {
                problems.add("libtorch in " + dir + " is " + built + " but pytorch-jni " + jni.version()
                        + " is built for " + jni.torchVersion());
            }
            if (builtFlavour != null && flavour != null && !builtFlavour.equals(flavour)) {
                problems.add("libtorch in " + dir + " is " + built + " but PYTORCH_FLAVOR=" + flavour);
            }
        }
    }

    /** The first folder of the path list holding libtorch, as DJL searches it; null when none. */
    static Path libtorchDir(String libraryPath) {
        for (String entry : libraryPath.split(java.io.File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path p = Path.of(entry).toAbsolutePath();
            if (Files.isRegularFile(p) && p.getFileName().toString().equals(LIBTORCH)) {
                return p.getParent();
            }
            if (Files.isRegularFile(p.resolve(LIBTORCH))) {
                return p;
            }
        }
        return null;
    }

    /** As DJL reads them: the environment first, then a system property (the library path: environment only). */
    private static String setting(String name) {
        String v = System.getenv(name);
        if (v == null && !"PYTORCH_LIBRARY_PATH".equals(name)) {
            v = System.getProperty(name);
        }
        return v;
    }

    static String classifier() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String system = os.startsWith("win") ? "win" : os.startsWith("mac") ? "osx" : "linux";
        String cpu = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64" : arch;
        return system + "-" + cpu;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
