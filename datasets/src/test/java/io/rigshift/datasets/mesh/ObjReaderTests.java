package io.rigshift.datasets.mesh;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObjReaderTests {

    @TempDir
    Path folder;

    static Path unitCube() throws URISyntaxException {
        return Path.of(ObjReaderTests.class.getResource("unit-cube.obj").toURI());
    }

    @Test
    void readsUnitCubeWithFanTriangulatedQuadsOfVolumeOne() throws Exception {
        Mesh cube = ObjReader.read(unitCube());

        assertEquals(8, cube.vertexCount());
        assertEquals(12, cube.faceCount());
        assertEquals(1.0, cube.volume(), 1e-12);
        assertEquals(6.0, cube.surfaceArea(), 1e-12);
    }

    @Test
    void resolvesSlashEntriesAndNegativeIndicesToTheSameFaces() throws Exception {
        Mesh plain = ObjReader.read(write("plain.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n"));
        Mesh slashed = ObjReader.read(write("slashed.obj",
                "v 0 0 0\nv 1 0 0\nv 0 1 0\nvt 0 0\nvn 0 0 1\nf 1/1/1 2//1 3/1\n"));
        Mesh negative = ObjReader.read(write("negative.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf -3 -2 -1\n"));

        assertArrayEquals(new int[] {0, 1, 2}, plain.triangles());
        assertEquals(plain, slashed);
        assertEquals(plain, negative);
    }

    @Test
    void nonNumericVertexNamesFileAndLine() throws IOException {
        Path file = write("bad-vertex.obj", "# header\nv 0 0 0\nv 1 zero 0\n");

        MeshFormatException error = assertThrows(MeshFormatException.class, () -> ObjReader.read(file));

        assertEquals(3, error.line().orElseThrow());
        assertTrue(error.getMessage().startsWith(file + ":3:"), error.getMessage());
        assertTrue(error.getMessage().contains("'zero'"), error.getMessage());
    }

    @Test
    void faceIndexOutOfRangeNamesFileAndLine() throws IOException {
        Path file = write("bad-face.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\n\nf 1 2 4\n");

        MeshFormatException error = assertThrows(MeshFormatException.class, () -> ObjReader.read(file));

        assertEquals(5, error.line().orElseThrow());
        assertTrue(error.getMessage().contains(file + ":5:"), error.getMessage());
        assertTrue(error.getMessage().contains("face index 4 out of range"), error.getMessage());
    }

    @Test
    void zeroAndTooNegativeIndicesAreOutOfRange() throws IOException {
        Path zero = write("zero.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 0 1 2\n");
        Path tooNegative = write("negative.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf -1 -2 -4\n");

        assertEquals(4, assertThrows(MeshFormatException.class, () -> ObjReader.read(zero)).line().orElseThrow());
        assertEquals(4, assertThrows(MeshFormatException.class, () -> ObjReader.read(tooNegative)).line()
                .orElseThrow());
    }

    @Test
    void shortVertexAndFaceLinesAreMalformed() throws IOException {
        Path shortVertex = write("short-vertex.obj", "v 0 0\n");
        Path shortFace = write("short-face.obj", "v 0 0 0\nv 1 0 0\nf 1 2\n");

        MeshFormatException vertexError = assertThrows(MeshFormatException.class, () -> ObjReader.read(shortVertex));
        MeshFormatException faceError = assertThrows(MeshFormatException.class, () -> ObjReader.read(shortFace));

        assertTrue(vertexError.getMessage().contains(":1: malformed vertex line"), vertexError.getMessage());
        assertTrue(faceError.getMessage().contains(":3: malformed face line"), faceError.getMessage());
    }

    @Test
    void emptyFileIsItsOwnError() throws IOException {
        Path empty = write("empty.obj", "");
        Path onlyComments = write("comments.obj", "# nothing here\n\ng group\n");

        assertThrows(EmptyMeshException.class, () -> ObjReader.read(empty));
        EmptyMeshException error = assertThrows(EmptyMeshException.class, () -> ObjReader.read(onlyComments));
        assertTrue(error.getMessage().contains(onlyComments.toString()));
        assertTrue(error.line().isEmpty());
    }

    @Test
    void writtenObjReadsBackTheSameMesh() throws Exception {
        Mesh cube = ObjReader.read(unitCube());
        Path copy = folder.resolve("copy.obj");

        ObjWriter.write(cube, copy);

        assertEquals(cube, ObjReader.read(copy));
    }

    @Test
    void plyHeaderCountsVerticesAndFaces() throws Exception {
        Path ply = folder.resolve("cube.ply");

        PlyWriter.write(ObjReader.read(unitCube()), ply);

        String text = Files.readString(ply);
        assertTrue(text.startsWith("ply\nformat ascii 1.0\n"));
        assertTrue(text.contains("element vertex 8\n"));
        assertTrue(text.contains("element face 12\n"));
        assertTrue(text.endsWith("3 1 6 5\n"), text.substring(text.length() - 20));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content);
    }
}
