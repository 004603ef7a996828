// Sums PyTorch profiler traces (Chrome trace JSON, one per net, written by EngineProfile) per
// layer kind: only top-level ops (not those nested in another op on the same thread), so each
// microsecond counts once. Usage: node profile-report.mjs DIR net1 net2 ...  → markdown table.
import { readFileSync } from 'node:fs';

const [dir, ...nets] = process.argv.slice(2);

function kind(e) {
  const n = e.name;
  const s = e.shape || [];
  if (/conv/.test(n)) {
    const x = s[0] || [], w = s[1] || [];
    if (w[1] === 1 && x[1] > 1) return 'depthwise conv 3x3';
    if (w[2] === 1 && w[3] === 1) return 'pointwise conv 1x1';
    return `conv ${w[2]}x${w[3]}`;
  }
  if (/clamp|clip|hardtanh/.test(n)) return 'ReLU6 (clamp, its own pass)';
  if (/relu/.test(n)) return 'ReLU (its own pass)';
  if (/add|sub|mul|div/.test(n)) return 'element-wise add/scale';
  if (/pad/.test(n)) return "padding copy (TF 'same', odd side)";
  if (/pool|mean/.test(n)) return 'pooling / mean';
  if (/matmul|mm|linear|addmm/.test(n)) return 'fully connected';
  if (/transpose|permute|reshape|view|cat|contiguous|clone/.test(n)) return 'reshape / concat / contiguous copies';
  if (/copy|to$|_to_copy|empty|zeros|fill|from_blob/.test(n)) return 'allocation / copies';
  return 'other (' + n + ')';
}

const rows = {};
const totals = {};
for (const net of nets) {
  const ev = JSON.parse(readFileSync(`${dir}/${net}.json`, 'utf8').replace(/,\s*\]\s*$/, ']'))
    .filter(e => e.ph === 'X');
  ev.sort((a, b) => a.tid - b.tid || a.ts - b.ts || b.dur - a.dur);
  let end = -1, tid = null;
  totals[net] = 0;
  for (const e of ev) {
    if (e.tid !== tid) { tid = e.tid; end = -1; }
    if (e.ts < end) continue; // nested in the previous top-level op
    end = e.ts + e.dur;
    const k = kind(e);
    rows[k] ??= {};
    rows[k][net] = (rows[k][net] || 0) + e.dur / 1000;
    totals[net] += e.dur / 1000;
  }
}
console.log(`| layer kind | ${nets.map(n => n + ' ms (share)').join(' | ')} |`);
console.log(`|---|${nets.map(() => '---').join('|')}|`);
const order = Object.keys(rows).sort((a, b) => {
  const sa = nets.reduce((s, n) => s + (rows[a][n] || 0), 0);
  const sb = nets.reduce((s, n) => s + (rows[b][n] || 0), 0);
  return sb - sa;
});
for (const k of order) {
  console.log(`| ${k} | ${nets.map(n => rows[k][n] ? `${rows[k][n].toFixed(1)} (${(100 * rows[k][n] / totals[n]).toFixed(0)} %)` : '–').join(' | ')} |`);
}
console.log(`| **all native ops** | ${nets.map(n => totals[n].toFixed(1)).join(' | ')} |`);
