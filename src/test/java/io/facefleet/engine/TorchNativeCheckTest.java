package io.facefleet.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.pytorch.jni.LibUtils;
import io.facefleet.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up check names what a GPU set-up lacks or mismatches, on this CPU-only machine: the
 * libtorch it looks at is the real CPU build DJL unpacked from pytorch-native-cpu, the JNI
 * libraries those of the real pytorch-jni jar.
 */
class TorchNativeCheckTest {

    private static Path cpuLibtorch;
    private static final TorchNativeCheck.Jni JNI = TorchNativeCheck.Jni.bundled();
    private static final String PLATFORM = TorchNativeCheck.classifier();

    @BeforeAll
    static void loadEngine() {
        TestData.engine();
        cpuLibtorch = Path.of(LibUtils.getLibtorchPath());
    }

    private static List<String> problems(String device, Map<String, String> settings) {
        return TorchNativeCheck.problems(device, settings::get, JNI, PLATFORM);
    }

    @Test
    void gpuWithNothingSetNamesTheFlavourAndTheLibraryPath() {
        assumeTrue(System.getenv("PYTORCH_FLAVOR") == null && System.getenv("PYTORCH_LIBRARY_PATH") == null,
                "this environment sets PYTORCH_*");
        EngineConfig gpu = new EngineConfig(EngineConfig.defaults().models(), "gpu", 0.5f, 100, 256, 8, 5);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FaceEngine.load(gpu));
        assertTrue(e.getMessage().contains("needs PYTORCH_FLAVOR set to the CUDA flavour"), e.getMessage());
        assertTrue(e.getMessage().contains("needs PYTORCH_LIBRARY_PATH naming the lib folder of a CUDA build of libtorch "
                + JNI.torchVersion()), e.getMessage());
    }

    @Test
    void aCpuLibtorchWithACudaFlavourIsNamedACpuBuild() {
        List<String> p = problems("gpu", Map.of("PYTORCH_LIBRARY_PATH", cpuLibtorch.toString(), "PYTORCH_FLAVOR", "cu128"));
        assertEquals(List.of("libtorch in " + cpuLibtorch + " is a CPU build (no " + TorchNativeCheck.LIBTORCH_CUDA
                + ") but PYTORCH_FLAVOR=cu128"), p);
    }

    @Test
    void aLibraryPathWithoutLibtorchIsNamed(@TempDir Path empty) {
        List<String> p = problems("cpu", Map.of("PYTORCH_LIBRARY_PATH", empty.toString()));
        assertEquals(List.of("PYTORCH_LIBRARY_PATH=" + empty + " holds no " + TorchNativeCheck.LIBTORCH
                + " (name the lib folder of the libtorch archive)"), p);
    }

    @Test
    void aFlavourThePytorchJniHasNoLibraryForIsNamed() {
        List<String> p = problems("gpu", Map.of("PYTORCH_LIBRARY_PATH", cpuLibtorch.toString(), "PYTORCH_FLAVOR", "cu121"));
        assertTrue(p.stream().anyMatch(s -> s.startsWith("pytorch-jni " + JNI.version() + " has no JNI library for "
                + PLATFORM + "/cu121")), p.toString());
    }

    @Test
    void versionsOtherThanThePytorchJnisAreNamed(@TempDir Path dir) throws Exception {
        // a libtorch archive's layout: lib/ with the libraries, build-version beside it
        Path lib = Files.createDirectories(dir.resolve("libtorch/lib"));
        Files.createSymbolicLink(lib.resolve(TorchNativeCheck.LIBTORCH), cpuLibtorch.resolve(TorchNativeCheck.LIBTORCH));
        Files.writeString(dir.resolve("libtorch/build-version"), "2.6.0+cpu\n");
        List<String> p = problems("cpu", Map.of("PYTORCH_LIBRARY_PATH", lib.toString(), "PYTORCH_FLAVOR", "cpu",
                "PYTORCH_VERSION", "2.6.0"));
        assertEquals(List.of("PYTORCH_VERSION=2.6.0 but pytorch-jni " + JNI.version() + " is built for libtorch "
                        + JNI.torchVersion(),
                "libtorch in " + lib + " is 2.6.0+cpu but pytorch-jni " + JNI.version() + " is built for "
                        + JNI.torchVersion()), p);
    }

    @Test
    void aMatchingSetUpHasNoProblems() {
        assertEquals(List.of(), problems("cpu", Map.of()));
        assertEquals(List.of(), problems("cpu", Map.of("PYTORCH_LIBRARY_PATH", cpuLibtorch.toString(),
                "PYTORCH_FLAVOR", "cpu", "PYTORCH_VERSION", JNI.torchVersion())));
    }
}
