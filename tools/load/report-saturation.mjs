#!/usr/bin/env node
// Writes the sustained-load section of docs/reliability.md from a saturation run: the load
// generator's summary and the memory samples, in a section of its own per cache setting.
// Usage: report-saturation.mjs LOAD.json SAMPLES.jsonl CLIENTS SECONDS CACHE_ENTRIES('' = default) DOC
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

const [loadFile, samplesFile, clients, seconds, cache, doc] = process.argv.slice(2);
const marker = cache === '' ? 'saturation' : `saturation-cache-${cache}`;
const load = JSON.parse(readFileSync(loadFile, 'utf8').trim().split('\n').pop());
const samples = readFileSync(samplesFile, 'utf8').trim().split('\n').map(l => JSON.parse(l)).filter(s => !s.error);
const ok = load.statuses['200'] ?? 0;
const refused = load.statuses['503'] ?? 0;
const other = load.requests - ok - refused;
const rows = samples.map(s => `| ${s.second} | ${s.heapUsedMb} | ${s.heapCommittedMb} | ${s.rssMb} | ${s.threads} |`);
// pools and PyTorch's arenas grow in the first seconds; after that, flat means no trend
const warm = samples.filter(s => s.second >= 30);
const range = key => `${Math.min(...warm.map(s => s[key]))}–${Math.max(...warm.map(s => s[key]))}`;
const firstWarm = warm[0];
const lastWarm = warm[warm.length - 1];
const section = `<!-- ${marker}:start -->
Machine: ${cpus().length} cores (${cpus()[0].model}), ${Math.round(totalmem() / 2 ** 30)} GB.
Command: \`tools/load/saturate.sh ${clients} ${seconds}${cache === '' ? '' : ' ' + cache}\`, on ${new Date().toISOString().slice(0, 10)}${cache === '' ? ' (embedded default settings)' : cache === '0' ? ' (analysis cache off: every request runs the face engine)' : ''}.

| requests sent | answered 200 | labels right | refused 503 (back-pressure) | other errors | lost | p50 ms | p99 ms |
|---|---|---|---|---|---|---|---|
| ${load.requests} | ${ok} | ${load.labelsRight} | ${refused} | ${other} | 0 | ${load.p50Ms} | ${load.p99Ms} |

"Lost" counts requests that never got an answer. The load generator waits for every request
it sent, so a request without an answer would show up under other errors.

Memory, sampled every 5 s. RSS is the whole process, including PyTorch's native memory.

| second | heap used MB | heap committed MB | RSS MB | threads |
|---|---|---|---|---|
${rows.join('\n')}

After a 30 s warm-up (seconds ${firstWarm.second}–${lastWarm.second}), the ranges were: heap used ${range('heapUsedMb')} MB
(it saws between collections), RSS ${range('rssMb')} MB (${firstWarm.rssMb} at second ${firstWarm.second}, ${lastWarm.rssMb} at the
last sample), threads ${range('threads')}.
<!-- ${marker}:end -->`;
let text = existsSync(doc) ? readFileSync(doc, 'utf8') : '# Reliability\n\n' + section + '\n';
text = text.includes(`<!-- ${marker}:start -->`)
  ? text.replace(new RegExp(`<!-- ${marker}:start -->[\\s\\S]*<!-- ${marker}:end -->`), section)
  : text + '\n' + section + '\n';
writeFileSync(doc, text);
console.log(section);
