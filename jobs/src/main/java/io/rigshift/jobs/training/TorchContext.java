package io.rigshift.jobs.training;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The engine's own {@code at::Context} in the {@code libtorch_cpu.so} this process loaded, for
 * the settings DJL does not expose ({@link MatmulPrecision}, {@link Denormals}).
 */
final class TorchContext {

    private static TorchContext loaded;

    private final NativeLibrary library;
    private final Pointer context;

    private TorchContext(NativeLibrary library) {
        this.library = library;
        this.context = library.getFunction("_ZN2at13globalContextEv").invokePointer(new Object[0]);
    }

    /**
     * The loaded engine's context; empty when no {@code libtorch_cpu.so} is loaded (the engine not
     * started, another engine).
     *
     * @throws IOException when the process's memory map cannot be read (not Linux)
     */
    static synchronized Optional<TorchContext> find() throws IOException {
        if (loaded == null) {
            // Read once the engine is there: a library, once loaded, stays for the process.
            loaded = Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .filter(line -> line.endsWith("/libtorch_cpu.so"))
                    .map(line -> line.substring(line.indexOf('/')))
                    .findFirst()
                    .map(path -> new TorchContext(NativeLibrary.getInstance(path)))
                    .orElse(null);
        }
        return Optional.ofNullable(loaded);
    }

    void invokeVoid(String symbol, Object... args) {
        library.getFunction(symbol).invokeVoid(withContext(args));
    }

    int invokeInt(String symbol, Object... args) {
        return library.getFunction(symbol).invokeInt(withContext(args));
    }

    /** A static member of {@code at::Context}: no context argument. */
    int invokeStaticInt(String symbol, Object... args) {
        return library.getFunction(symbol).invokeInt(args);
    }

    private Object[] withContext(Object[] args) {
        Object[] all = new Object[args.length + 1];
        all[0] = context;
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }
}
