package io.rigshift.datasets.mesh;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeshValidatorTests {

    @TempDir
    Path folder;

    @Test
    void closedCubeIsOk() throws Exception {
        MeshVerdict verdict = MeshValidator.validate(ObjReaderTests.unitCube());

        assertEquals(VerdictKind.OK, verdict.kind(), verdict.detail());
    }

    @Test
    void cubeWithOneFaceRemovedIsUsableWithAWarningUnlessWatertightIsRequired() throws Exception {
        Mesh cube = ObjReader.read(ObjReaderTests.unitCube());
        Mesh open = new Mesh(cube.vertices(), Arrays.copyOf(cube.triangles(), cube.triangles().length - 6));

        MeshVerdict verdict = MeshValidator.validate(Path.of("open.obj"), open);
        MeshVerdict strict = MeshValidator.validate(Path.of("open.obj"), open, MeshAcceptance.WATERTIGHT);

        assertEquals(VerdictKind.NOT_WATERTIGHT, verdict.kind());
        assertTrue(verdict.isValid() && verdict.isWarning(), verdict.toString());
        assertTrue(verdict.detail().startsWith("OPEN: 4 boundary edges"), verdict.detail());
        assertTrue(verdict.detail().endsWith("; inside decided by winding number"), verdict.detail());
        assertEquals(VerdictKind.NOT_WATERTIGHT, strict.kind());
        assertFalse(strict.isValid());
        assertTrue(strict.detail().startsWith("4 open boundary edge(s)"), strict.detail());
    }

    @Test
    void loneOpenTriangleBoundsNoSolidAndIsRefused() throws IOException {
        Path sheet = write("sheet.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n");

        MeshVerdict verdict = MeshValidator.validate(sheet);

        assertEquals(VerdictKind.NO_INSIDE, verdict.kind(), verdict.toString());
        assertFalse(verdict.isValid());
        assertTrue(verdict.detail().contains("OPEN: 3 boundary edges"), verdict.detail());
        assertTrue(verdict.detail().contains("winding number never reaches 0.5"), verdict.detail());
    }

    @Test
    void cubeWithADuplicatedFaceIsUsableNonManifold() throws Exception {
        Mesh cube = ObjReader.read(ObjReaderTests.unitCube());
        int[] triangles = Arrays.copyOf(cube.triangles(), cube.triangles().length + 3);
        System.arraycopy(cube.triangles(), 0, triangles, cube.triangles().length, 3);

        MeshVerdict verdict = MeshValidator.validate(Path.of("doubled.obj"), new Mesh(cube.vertices(), triangles));

        assertEquals(VerdictKind.NON_MANIFOLD, verdict.kind());
        assertTrue(verdict.isValid(), verdict.toString());
        assertTrue(verdict.detail().startsWith("NON-MANIFOLD: 3 edges on more than two faces"), verdict.detail());
    }

    @Test
    void threeFacesOnOneEdgeAreNonManifold() throws IOException {
        Path fin = write("fin.obj", String.join("\n",
                "v 0 0 0", "v 1 0 0", "v 0 1 0", "v 0 -1 0", "v 0 0 1",
                "f 1 2 3", "f 2 1 4", "f 1 2 5", ""));

        MeshVerdict verdict = MeshValidator.validate(fin, MeshAcceptance.WATERTIGHT);

        assertEquals(VerdictKind.NON_MANIFOLD, verdict.kind());
        assertTrue(verdict.detail().contains("between vertices 1 and 2 shared by 3 faces"), verdict.detail());
    }

    @Test
    void splitVerticesAtTheSamePositionStillCloseTheMesh() throws Exception {
        Mesh cube = ObjReader.read(ObjReaderTests.unitCube());
        double[] vertices = new double[cube.triangles().length * 3];
        int[] triangles = new int[cube.triangles().length];
        for (int corner = 0; corner < triangles.length; corner++) {
            System.arraycopy(cube.vertices(), 3 * cube.triangles()[corner], vertices, 3 * corner, 3);
            triangles[corner] = corner;
        }

        MeshVerdict verdict = MeshValidator.validate(Path.of("split.obj"), new Mesh(vertices, triangles));

        assertEquals(VerdictKind.OK, verdict.kind(), verdict.detail());
    }

    @Test
    void meshesWithoutAreaOrVolumeAreDegenerate() throws IOException {
        Path noFaces = write("points.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\n");
        Path zeroArea = write("line.obj", "v 0 0 0\nv 1 0 0\nv 2 0 0\nf 1 2 3\n");
        Path flat = write("double-sided.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\nf 1 3 2\n");

        assertEquals(VerdictKind.DEGENERATE_OR_EMPTY, MeshValidator.validate(noFaces).kind());
        assertEquals(VerdictKind.DEGENERATE_OR_EMPTY, MeshValidator.validate(zeroArea).kind());
        MeshVerdict flatVerdict = MeshValidator.validate(flat);
        assertEquals(VerdictKind.DEGENERATE_OR_EMPTY, flatVerdict.kind());
        assertEquals("closed but encloses zero volume", flatVerdict.detail());
    }

    @Test
    void parseErrorsAndForeignFilesAreUnreadableWithTheMessage() throws IOException {
        Path corrupt = write("corrupt.obj", "v 0 0 0\nv x 0 0\n");
        Path empty = write("empty.obj", "");
        Path stl = write("model.stl", "solid nothing\n");

        MeshVerdict corruptVerdict = MeshValidator.validate(corrupt);
        assertEquals(VerdictKind.UNREADABLE, corruptVerdict.kind());
        assertTrue(corruptVerdict.detail().contains(corrupt + ":2: non-numeric vertex coordinate 'x'"));
        assertEquals(VerdictKind.UNREADABLE, MeshValidator.validate(empty).kind());
        MeshVerdict stlVerdict = MeshValidator.validate(stl);
        assertEquals(VerdictKind.UNREADABLE, stlVerdict.kind());
        assertTrue(stlVerdict.detail().contains("expected .obj or .binvox"), stlVerdict.detail());
    }

    @Test
    void absentFileIsMissing() {
        assertEquals(VerdictKind.MISSING, MeshValidator.validate(folder.resolve("nowhere.obj")).kind());
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content);
    }
}
