#!/usr/bin/env node
// Load generator for the seed contract: POST / with multipart field `inputFile`, N requests with
// C in flight at once (C = N sends them all at the same time, as the seed's grader does).
// Prints one JSON line: total time, latency p50/p95/p99, status counts, labels right/wrong.
// Usage: node tools/load/load.mjs --url http://localhost:8000/ --dir DIR [--count N]
//        [--concurrency C] [--expect CSV] [--timeout-ms MS] [--duration-s S]
// With --duration-s, C clients send back to back for S seconds (a saturation run) instead of N requests.
// DIR holds the images (sent in name order, cycling when N > files); CSV is the seed's
// `Image,Results` ground truth, used to count right labels.
import { readFileSync, readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { Agent, FormData, fetch, setGlobalDispatcher } from 'undici';
import { Blob } from 'node:buffer';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const url = args.url ?? 'http://localhost:8000/';
const dir = args.dir;
if (!dir) {
  console.error('usage: load.mjs --url URL --dir DIR [--count N] [--concurrency C] [--expect CSV]');
  process.exit(2);
}
const files = readdirSync(dir).filter(f => /\.(jpe?g|png|bmp|gif)$/i.test(f)).sort();
const durationMs = args['duration-s'] ? Number(args['duration-s']) * 1000 : 0;
const count = durationMs ? Number.MAX_SAFE_INTEGER : Number(args.count ?? files.length);
const concurrency = Number(args.concurrency ?? (durationMs ? 100 : count));
const timeoutMs = Number(args['timeout-ms'] ?? 120000);
const expected = new Map();
if (args.expect) {
  for (const line of readFileSync(args.expect, 'utf8').split(/\r?\n/).slice(1)) {
    const [image, label] = line.split(',');
    if (image) expected.set(image.trim(), label.trim());
  }
}
// one connection per in-flight request, like a thread pool of blocking clients
setGlobalDispatcher(new Agent({ connections: concurrency, pipelining: 0, headersTimeout: timeoutMs, bodyTimeout: timeoutMs }));
const bodies = files.map(f => ({ name: f, bytes: readFileSync(join(dir, f)) }));

async function one(i) {
  const { name, bytes } = bodies[i % bodies.length];
  const form = new FormData();
  form.append('inputFile', new Blob([bytes], { type: 'image/jpeg' }), name);
  const t0 = performance.now();
  try {
    const res = await fetch(url, { method: 'POST', body: form, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    return { ms: performance.now() - t0, status: res.status, name, text };
  } catch (e) {
    return { ms: performance.now() - t0, status: 'error:' + (e.cause?.code ?? e.name), name, text: '' };
  }
}

const results = [];
let next = 0;
const t0 = performance.now();
await Promise.all(Array.from({ length: Math.min(concurrency, count) }, async () => {
  while (next < count && !(durationMs && performance.now() - t0 >= durationMs)) {
    results.push(await one(next++));
  }
}));
const totalMs = performance.now() - t0;
const lat = results.map(r => r.ms).sort((a, b) => a - b);
const pct = p => lat[Math.min(lat.length - 1, Math.ceil(p / 100 * lat.length) - 1)];
const statuses = {};
let right = 0, wrong = 0;
for (const r of results) {
  statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  if (r.status === 200 && expected.size) {
    const stem = basename(r.name, extname(r.name));
    if (r.text === `${stem}:${expected.get(stem)}`) right++; else wrong++;
  }
}
console.log(JSON.stringify({
  tag: args.tag ?? null, url, dir: basename(dir), requests: results.length, concurrency,
  totalSeconds: +(totalMs / 1000).toFixed(3),
  p50Ms: +pct(50).toFixed(1), p95Ms: +pct(95).toFixed(1), p99Ms: +pct(99).toFixed(1),
  meanMs: +(lat.reduce((a, b) => a + b, 0) / lat.length).toFixed(1),
  statuses, labelsRight: expected.size ? right : null, labelsWrong: expected.size ? wrong : null,
}));
// 503 is back-pressure by design in a saturation run; anything else but 200 is a failure
process.exit(wrong > 0 || results.some(r => r.status !== 200 && !(durationMs && r.status === 503)) ? 1 : 0);
