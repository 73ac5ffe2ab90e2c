package io.rigshift.datasets.manifest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The small valid files a fuzzed manifest points at. */
final class ManifestFuzzInputs {

    static final String CUBE_OBJ = String.join("\n", "v 0 0 0", "v 1 0 0", "v 1 1 0", "v 0 1 0", "v 0 0 1",
            "v 1 0 1", "v 1 1 1", "v 0 1 1", "f 1 4 3 2", "f 5 6 7 8", "f 1 2 6 5", "f 4 8 7 3", "f 1 5 8 4",
            "f 2 3 7 6", "");
    static final byte[] FOUR_VOXELS = binvox("#binvox 1\ndim 4 4 4\ntranslate 0 0 0\nscale 1\ndata\n",
            0, 20, 1, 4, 0, 40);
    static final byte[] TINY_BLOCK = binvox("#binvox 1\ndim 2 2 2\ndata\n", 1, 8);

    private ManifestFuzzInputs() {
    }

    private static byte[] binvox(String header, int... runs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        for (int run : runs) {
            out.write(run);
        }
        return out.toByteArray();
    }
}
