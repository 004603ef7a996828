#!/usr/bin/env node
// Writes the sustained-load section of docs/reliability.md from a saturation run: the load
// generator's summary and the memory samples. Usage: report-saturation.mjs LOAD.json SAMPLES.jsonl CLIENTS SECONDS DOC
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

const [loadFile, samplesFile, clients, seconds, doc] = process.argv.slice(2);
const load = JSON.parse(readFileSync(loadFile, 'utf8').trim().split('\n').pop());
const samples = readFileSync(samplesFile, 'utf8').trim().split('\n').map(l => JSON.parse(l)).filter(s => !s.error);
const ok = load.statuses['200'] ?? 0;
const refused = load.statuses['503'] ?? 0;
const other = load.requests - ok - refused;
const rows = samples.map(s => `| ${s.second} | ${s.heapUsedMb} | ${s.heapCommittedMb} | ${s.rssMb} | ${s.threads} |`);
const first = samples[Math.min(2, samples.length - 1)];
const busy = samples.filter(s => s.second <= Number(seconds) + 5);
const last = busy[busy.length - 1];
const section = `<!-- saturation:start -->
Machine: ${cpus().length} cores (${cpus()[0].model}), ${Math.round(totalmem() / 2 ** 30)} GB.
Command: \`tools/load/saturate.sh ${clients} ${seconds}\`, on ${new Date().toISOString().slice(0, 10)}.

| requests sent | answered 200 | labels right | refused 503 (back-pressure) | other errors | lost | p50 ms | p99 ms |
|---|---|---|---|---|---|---|---|
| ${load.requests} | ${ok} | ${load.labelsRight} | ${refused} | ${other} | 0 | ${load.p50Ms} | ${load.p99Ms} |

"Lost" counts requests that never got an answer. The load generator waits for every request
it sent, so a request without an answer would show up under other errors.

Memory, sampled every 5 s. RSS is the whole process, including PyTorch's native memory.

| second | heap used MB | heap committed MB | RSS MB | threads |
|---|---|---|---|---|
${rows.join('\n')}

From the first samples under load (second ${first.second}) to the end of the load (second ${last.second}):
heap used ${first.heapUsedMb} → ${last.heapUsedMb} MB, RSS ${first.rssMb} → ${last.rssMb} MB, threads ${first.threads} → ${last.threads}.
<!-- saturation:end -->`;
let text = existsSync(doc) ? readFileSync(doc, 'utf8') : '# Reliability\n\n' + section + '\n';
text = text.includes('<!-- saturation:start -->')
  ? text.replace(/<!-- saturation:start -->[\s\S]*<!-- saturation:end -->/, section)
  : text + '\n' + section + '\n';
writeFileSync(doc, text);
console.log(section);
