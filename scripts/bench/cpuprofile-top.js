// `node scripts/bench/cpuprofile-top.js FILE.cpuprofile [N]`: the N frames with the most self time,
// and the self time per package (node_modules/<name>, node: internals, the project's own files).
const fs = require('node:fs');
const [file, n = '25'] = process.argv.slice(2);
const p = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(p.nodes.map((node) => [node.id, node]));
const self = new Map();
for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i], (self.get(p.samples[i]) || 0) + (p.timeDeltas[i] || 0));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const frames = new Map();
const pkgs = new Map();
for (const [id, us] of self) {
  const cf = byId.get(id).callFrame;
  const where = cf.url.replace(/^file:\/\//, '');
  const key = `${cf.functionName || '(anonymous)'} ${where.split('/').slice(-2).join('/')}:${cf.lineNumber + 1}`;
  frames.set(key, (frames.get(key) || 0) + us);
  const m = where.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  const pkg = m ? m[1] : where.startsWith('node:') ? 'node:internals' : where ? (where.includes('/apps/') || where.includes('/libs/') ? 'project' : 'other') : cf.functionName || '(native)';
  pkgs.set(pkg, (pkgs.get(pkg) || 0) + us);
}
const pct = (us) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
console.log(`total sampled ${(total / 1e6).toFixed(1)} s`);
console.log('-- by package');
for (const [k, v] of [...pkgs].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${pct(v)}  ${k}`);
console.log('-- top self-time frames');
for (const [k, v] of [...frames].sort((a, b) => b[1] - a[1]).slice(0, Number(n))) console.log(`${pct(v)}  ${k}`);
