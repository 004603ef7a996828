#!/usr/bin/env node
// Reference timings of the original face-api.js (tfjs wasm backend, one thread) on the six demo
// photos: detection per image, landmarks and descriptor per face, whole pipeline per photo.
// Prints one JSON line of medians. Usage: node bench.js [ROUNDS]
const path = require('path');
const { load, decode, tensor, pkgDir, faceapi, tf } = require('./oracle');

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

async function main() {
  const rounds = Number(process.argv[2] ?? 3);
  const env = await load();
  const options = new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5, maxResults: 100 });
  const images = [1, 2, 3, 4, 5, 6].map((i) => tensor(decode(path.join(pkgDir, 'demo', `sample${i}.jpg`))));
  const det = []; const lm = []; const desc = []; const full = []; const fullCpu = [];
  for (let r = 0; r <= rounds; r++) {
    for (const t of images) {
      let t0 = performance.now();
      const detections = await faceapi.detectAllFaces(t, options);
      const tDet = performance.now() - t0;
      t0 = performance.now();
      const withLm = await faceapi.detectAllFaces(t, options).withFaceLandmarks();
      const tLm = performance.now() - t0 - tDet;
      t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const all = await faceapi.detectAllFaces(t, options).withFaceLandmarks().withFaceDescriptors();
      const tFull = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0); // this process's CPU (user + system, every thread), µs
      if (r === 0) continue; // warm-up round
      det.push(tDet);
      lm.push(tLm / Math.max(1, withLm.length));
      desc.push((tFull - tDet - tLm) / Math.max(1, all.length));
      full.push(tFull);
      fullCpu.push((cpu.user + cpu.system) / 1000);
      if (detections.length !== all.length) throw new Error('unstable detections');
    }
  }
  tf.dispose(images);
  console.log(JSON.stringify({
    implementation: 'face-api.js 1.7.15 on tfjs ' + env.versions.tfjs + ' ' + env.backend + ' (1 thread)',
    photos: images.length, rounds,
    detectMsPerImage: +median(det).toFixed(1),
    landmarksMsPerFace: +median(lm).toFixed(1),
    descriptorMsPerFace: +median(desc).toFixed(1),
    pipelineMsPerPhoto: +median(full).toFixed(1),
    pipelineCpuMsPerPhoto: +median(fullCpu).toFixed(1),
  }));
}

main().catch((e) => { console.error(e); process.exit(1); });
