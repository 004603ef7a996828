#!/usr/bin/env node
// Samples a running service every --every-s seconds until killed: heap used and committed,
// live threads (JMX through Jolokia) and the process's resident memory (VmRSS, which includes
// PyTorch's native memory). One JSON line per sample.
// Usage: node tools/load/sample.mjs --pid PID --jolokia http://localhost:8001/observe/jolokia [--every-s 5]
import { readFileSync } from 'node:fs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const every = Number(args['every-s'] ?? 5) * 1000;
const t0 = Date.now();

async function read(mbean, attribute) {
  const res = await fetch(`${args.jolokia}/read/${mbean}/${attribute}`);
  return (await res.json()).value;
}

for (;;) {
  try {
    const heap = await read('java.lang:type=Memory', 'HeapMemoryUsage');
    const threads = await read('java.lang:type=Threading', 'ThreadCount');
    const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${args.pid}/status`, 'utf8'))[1]) * 1024;
    console.log(JSON.stringify({ second: Math.round((Date.now() - t0) / 1000), heapUsedMb: Math.round(heap.used / 2 ** 20),
      heapCommittedMb: Math.round(heap.committed / 2 ** 20), threads, rssMb: Math.round(rss / 2 ** 20) }));
  } catch (e) {
    console.log(JSON.stringify({ second: Math.round((Date.now() - t0) / 1000), error: String(e) }));
  }
  await new Promise(r => setTimeout(r, every));
}
