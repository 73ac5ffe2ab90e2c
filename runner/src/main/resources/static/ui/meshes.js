// The 3D viewer: one exported OBJ mesh on a canvas, lit, framed to fit, turned with the mouse.
import * as THREE from 'three';
import { OBJLoader } from 'three/addons/loaders/OBJLoader.js';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';

/** Draws the OBJ text on the canvas; renders only when the view changes (no busy animation loop). */
export function showMesh(canvas, objText) {
  // preserveDrawingBuffer: a screenshot or readback of the canvas shows the mesh, not a cleared buffer.
  const renderer = new THREE.WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: true });
  renderer.setPixelRatio(1);
  renderer.setSize(canvas.width, canvas.height, false);
  const scene = new THREE.Scene();
  scene.background = new THREE.Color(0xeef1f4);
  scene.add(new THREE.HemisphereLight(0xffffff, 0x8090a0, 1.6));
  const sun = new THREE.DirectionalLight(0xffffff, 1.8);
  sun.position.set(2, 3, 4);
  scene.add(sun);

  const object = new OBJLoader().parse(objText);
  const material = new THREE.MeshStandardMaterial({ color: 0x4f7fd9, roughness: 0.55, metalness: 0.05, side: THREE.DoubleSide });
  let triangles = 0;
  object.traverse(child => {
    if (child.isMesh) {
      child.geometry.computeVertexNormals();
      child.material = material;
      triangles += child.geometry.attributes.position.count / 3;
    }
  });
  scene.add(object);
  canvas.dataset.triangles = String(Math.round(triangles));

  const sphere = new THREE.Box3().setFromObject(object).getBoundingSphere(new THREE.Sphere());
  const radius = sphere.radius || 1;
  const camera = new THREE.PerspectiveCamera(40, canvas.width / canvas.height, radius / 100, radius * 100);
  camera.position.copy(sphere.center).add(new THREE.Vector3(1.2, 0.9, 1.6).normalize().multiplyScalar(radius * 3));
  const controls = new OrbitControls(camera, canvas);
  controls.target.copy(sphere.center);
  controls.update();
  const render = () => renderer.render(scene, camera);
  controls.addEventListener('change', render);
  render();
  canvas.dataset.rendered = 'true';
}
