#!/usr/bin/env node
// Golden outputs of the original face-api.js for fixtures every machine has after a build:
// the six demo photos of the npm package (boxes, landmarks, descriptors, and the attribute nets'
// age, gender and 7 expression probabilities per face) (decoded once with jpeg-js, saved as lossless PNG so
// the Java side reads identical pixels) and synthetic exact-size inputs for each net alone.
// Usage: node golden.js OUTDIR
const fs = require('fs');
const path = require('path');
const { load, decode, writePng, tensor, pkgDir, faceapi, tf } = require('./oracle');

const r6 = (v) => Math.round(v * 1e6) / 1e6;
const arr = (a) => Array.from(a, r6);

function synthetic(size) {
  const rgb = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) for (let c = 0; c < 3; c++) {
    rgb[(y * size + x) * 3 + c] = (x * 7 + y * 13 + c * 29) % 256;
  }
  return { width: size, height: size, rgb };
}

function crop(img, x0, y0, size) {
  const rgb = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    rgb.set(img.rgb.subarray(((y0 + y) * img.width + x0) * 3, ((y0 + y) * img.width + x0 + size) * 3), y * size * 3);
  }
  return { width: size, height: size, rgb };
}

async function rawNets(name, img, out, dir) {
  writePng(path.join(dir, `${name}.png`), img);
  const t = tensor(img);
  const entry = { image: `images/${name}.png`, size: img.width };
  if (img.width === 512) {
    const { boxes, scores } = await faceapi.nets.ssdMobilenetv1.forward(t);
    const b = boxes[0].arraySync();
    const s = Array.from(scores[0].dataSync());
    const top = s.map((v, i) => [v, i]).sort((p, q) => q[0] - p[0]).slice(0, 50).map(([, i]) => i);
    entry.ssd = { top: top.map((i) => ({ anchor: i, score: r6(s[i]), box: arr(b[i]) })), scoreSum: r6(s.reduce((p, q) => p + q, 0)) };
    tf.dispose([...boxes, ...scores]);
  } else if (img.width === 112) {
    const o = faceapi.nets.faceLandmark68Net.forward(t);
    entry.landmarks = arr((await o).dataSync());
    // the attribute nets take the same 112x112 input as the landmark net
    const { age, gender } = await faceapi.nets.ageGenderNet.forward(t);
    entry.ageGender = [...arr(age.dataSync()), ...arr(gender.dataSync())];
    const ex = await faceapi.nets.faceExpressionNet.forward(t);
    entry.expressions = arr(ex.dataSync());
    tf.dispose([age, gender, ex]);
  } else if (img.width === 150) {
    const o = faceapi.nets.faceRecognitionNet.forward(t);
    entry.descriptor = arr((await o).dataSync());
  }
  tf.dispose(t);
  out.push(entry);
}

async function main() {
  const outDir = process.argv[2];
  if (!outDir) throw new Error('usage: golden.js OUTDIR');
  const imagesDir = path.join(outDir, 'images');
  fs.mkdirSync(imagesDir, { recursive: true });
  const env = await load();
  const options = new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5, maxResults: 100 });
  const photos = [];
  let sample1;
  for (let i = 1; i <= 6; i++) {
    const img = decode(path.join(pkgDir, 'demo', `sample${i}.jpg`));
    if (i === 1) sample1 = img;
    const name = `sample${i}`;
    writePng(path.join(imagesDir, `${name}.png`), img);
    const t = tensor(img);
    const faces = await faceapi.detectAllFaces(t, options).withFaceLandmarks().withFaceDescriptors();
    // the attribute chain detects again (same faces, same order: the detector is deterministic)
    const attrs = await faceapi.detectAllFaces(t, options).withFaceLandmarks().withFaceExpressions().withAgeAndGender();
    tf.dispose(t);
    if (attrs.length !== faces.length) throw new Error(`${name}: ${faces.length} faces, but ${attrs.length} with attributes`);
    photos.push({
      image: `images/${name}.png`, width: img.width, height: img.height,
      faces: faces.map((f, i) => ({
        score: r6(f.detection.score),
        box: [f.detection.box.x, f.detection.box.y, f.detection.box.width, f.detection.box.height].map(r6),
        landmarks: f.landmarks.positions.map((p) => [r6(p.x), r6(p.y)]),
        descriptor: arr(f.descriptor),
        alignedBox: ((b) => [b.x, b.y, b.width, b.height].map(r6))(attrs[i].alignedRect.box),
        age: r6(attrs[i].age),
        gender: attrs[i].gender,
        genderProbability: r6(attrs[i].genderProbability),
        expressions: faceapi.FACE_EXPRESSION_LABELS.map((e) => r6(attrs[i].expressions[e])),
      })),
    });
  }
  const nets = [];
  for (const size of [512, 112, 150]) await rawNets(`synthetic${size}`, synthetic(size), nets, imagesDir);
  // real face pixels through each net alone: crops of sample1's first face at the nets' sizes
  await rawNets('sample1_face112', crop(sample1, 440, 400, 112), nets, imagesDir);
  await rawNets('sample1_face150', crop(sample1, 425, 390, 150), nets, imagesDir);
  const golden = { meta: { ...env.versions, backend: env.backend, options: { minConfidence: 0.5, maxResults: 100 } }, photos, nets };
  fs.writeFileSync(path.join(outDir, 'golden.json'), JSON.stringify(golden));
  console.log(`parity: golden outputs for ${photos.length} photos and ${nets.length} net inputs in ${outDir}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
