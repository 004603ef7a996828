// Writes the engine benchmark's JSON lines as a Markdown section of docs/benchmarks.md,
// replacing the section between its markers (other sections stay as they are).
// Usage: node report.mjs RESULTS.jsonl COMMAND DOC
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

const [file, command, doc] = process.argv.slice(2);
const rows = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const ours = rows.filter((r) => r.workers !== undefined);
const js = rows.find((r) => r.implementation);
const label = (r) => `${r.workers} worker${r.workers > 1 ? 's' : ''} x ${r.intraOpThreads} thread${r.intraOpThreads > 1 ? 's' : ''}`;
const one = ours.find((r) => r.workers === 1 && String(r.intraOpThreads) === '1');
const lines = [];
lines.push('<!-- engine-bench:start -->');
lines.push('## Face engine (issue: face engine)');
lines.push('');
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
lines.push(`Machine: ${cpus().length} cores (${cpus()[0].model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GB, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; measured under load (load average ${load} at the end).`);
lines.push(`Command: \`${command}\` (medians of the rounds; the same run also times the JavaScript original).`);
lines.push('Inputs: the six demo photos of @vladmandic/face-api 1.7.15 (1920 px group photos, 22 faces); decoding not timed.');
lines.push('');
lines.push('| configuration | descriptors/s batch 1 | batch 8 | batch 32 | landmarks/s batch 8 | detections (images/s) | full pipeline photos/s | ms/photo |');
lines.push('|---|---|---|---|---|---|---|---|');
for (const r of ours) {
  lines.push(`| DJL/PyTorch, ${label(r)} | ${r.descriptorsPerSecondBatch1} | ${r.descriptorsPerSecondBatch8} | ${r.descriptorsPerSecondBatch32} | ${r.landmarksPerSecondBatch8} | ${r.detectionImagesPerSecond} | ${r.pipelinePhotosPerSecond} | ${r.pipelineMsPerPhoto} |`);
}
if (js) {
  lines.push(`| ${js.implementation} | ${(1000 / js.descriptorMsPerFace).toFixed(1)} | – | – | ${(1000 / js.landmarksMsPerFace).toFixed(1)} | ${(1000 / js.detectMsPerImage).toFixed(2)} | ${(1000 / js.pipelineMsPerPhoto).toFixed(2)} | ${js.pipelineMsPerPhoto} |`);
  if (one) {
    lines.push('');
    lines.push(`Per core, side by side: full pipeline **${(js.pipelineMsPerPhoto / one.pipelineMsPerPhoto).toFixed(2)}x** the JavaScript original ` +
      `(${one.pipelineMsPerPhoto} vs ${js.pipelineMsPerPhoto} ms per photo); detection ${(js.detectMsPerImage * one.detectionImagesPerSecond / 1000).toFixed(2)}x; ` +
      `descriptor at batch 32 ${(js.descriptorMsPerFace * one.descriptorsPerSecondBatch32 / 1000).toFixed(2)}x.`);
    if (one.pipelineCpuMsPerPhoto && js.pipelineCpuMsPerPhoto) {
      lines.push('');
      lines.push(`In CPU time (each process's own, all its threads; less disturbed by other load than wall time): full pipeline ` +
        `**${(js.pipelineCpuMsPerPhoto / one.pipelineCpuMsPerPhoto).toFixed(2)}x** (${one.pipelineCpuMsPerPhoto} vs ${js.pipelineCpuMsPerPhoto} CPU ms per photo).`);
    }
  }
}
lines.push('<!-- engine-bench:end -->');
const section = lines.join('\n');
let text = existsSync(doc) ? readFileSync(doc, 'utf8') : '# Benchmarks\n\nFigures measured on this project\'s machines; each section names its command.\n';
const re = /<!-- engine-bench:start -->[\s\S]*<!-- engine-bench:end -->/;
text = re.test(text) ? text.replace(re, section) : `${text.trimEnd()}\n\n${section}\n`;
writeFileSync(doc, text);
console.log(section);
