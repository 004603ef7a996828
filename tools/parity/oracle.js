// Loads the original face-api.js (wasm backend, one thread, offline) and decodes images the way
// the reference run did (jpeg-js), for golden.js and bench.js.
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');
const wasm = require('@tensorflow/tfjs-backend-wasm');
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');
const jpeg = require('jpeg-js');
const { PNG } = require('pngjs');

const pkgDir = path.dirname(require.resolve('@vladmandic/face-api/package.json'));

async function load() {
  wasm.setWasmPaths(path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), path.sep));
  wasm.setThreadsCount?.(1);
  await tf.setBackend('wasm');
  await tf.ready();
  const model = path.join(pkgDir, 'model');
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(model);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(model);
  await faceapi.nets.faceRecognitionNet.loadFromDisk(model);
  await faceapi.nets.ageGenderNet.loadFromDisk(model);
  await faceapi.nets.faceExpressionNet.loadFromDisk(model);
  return { tf, faceapi, backend: tf.getBackend(), versions: { faceapi: faceapi.version, tfjs: tf.version_core } };
}

/** JPEG or PNG file → { width, height, rgb: Uint8Array HWC }. */
function decode(file) {
  const bytes = fs.readFileSync(file);
  const img = bytes[0] === 0x89 ? PNG.sync.read(bytes) : jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
  const rgb = new Uint8Array(img.width * img.height * 3);
  for (let i = 0, j = 0; i < img.width * img.height; i++) {
    rgb[j++] = img.data[i * 4];
    rgb[j++] = img.data[i * 4 + 1];
    rgb[j++] = img.data[i * 4 + 2];
  }
  return { width: img.width, height: img.height, rgb };
}

/** Writes exact RGB pixels as a lossless PNG. */
function writePng(file, { width, height, rgb }) {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) {
    png.data[i * 4] = rgb[i * 3];
    png.data[i * 4 + 1] = rgb[i * 3 + 1];
    png.data[i * 4 + 2] = rgb[i * 3 + 2];
    png.data[i * 4 + 3] = 255;
  }
  fs.writeFileSync(file, PNG.sync.write(png));
}

function tensor({ width, height, rgb }) {
  return tf.tensor3d(Int32Array.from(rgb), [height, width, 3], 'int32');
}

module.exports = { load, decode, writePng, tensor, pkgDir, faceapi, tf };
