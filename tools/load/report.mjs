// Writes the load benchmark's JSON lines as the "service under load" section of
// docs/benchmarks.md (between its markers; other sections stay).
// Usage: node report.mjs RESULTS.jsonl COMMAND DOC
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

const [file, command, doc] = process.argv.slice(2);
const rows = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const lines = ['<!-- load-bench:start -->', '## Service under load (issue: embedded tiers)', ''];
lines.push(`Machine: ${cpus().length} cores (${cpus()[0].model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GB, ${new Date().toISOString().slice(0, 10)}.`);
lines.push(`Command: \`${command}\` — the jar in its embedded default (local profile, up to 4 in-JVM workers), all requests sent at once, as the seed's grader does. Each workload runs once with the result cache for byte-identical images off, and once with it on (starting empty; the seed's workloads hold only 10 distinct images).`);
lines.push('');
lines.push('| result cache | workload | requests | total s | p50 ms | p95 ms | p99 ms | statuses | labels right |');
lines.push('|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  const what = r.dir === 'demo' ? 'demo photos (1920 px, 3-5 faces)' : `seed ${r.dir} (64x64)`;
  lines.push(`| ${r.tag === 'cache 0' ? 'off (every request computed)' : 'on, starting empty'} | ${what} | ${r.requests} | ${r.totalSeconds} | ${r.p50Ms} | ${r.p95Ms} | ${r.p99Ms} | ${JSON.stringify(r.statuses).replace(/"/g, '')} | ${r.labelsRight ?? '–'}${r.labelsRight != null ? ' of ' + r.requests : ''} |`);
}
lines.push('<!-- load-bench:end -->');
const section = lines.join('\n');
let text = existsSync(doc) ? readFileSync(doc, 'utf8') : '# Benchmarks\n';
const re = /<!-- load-bench:start -->[\s\S]*<!-- load-bench:end -->/;
text = re.test(text) ? text.replace(re, section) : `${text.trimEnd()}\n\n${section}\n`;
writeFileSync(doc, text);
console.log(section);
