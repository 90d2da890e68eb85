import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { workflowBundleOptions } from '../apps/worker/src/worker.factory';
(async () => {
  const b = await bundleWorkflowCode({ workflowsPath: workflowBundleOptions.workflowsPath, logger: new DefaultLogger('WARN') });
  const code = b.code.slice(0, b.code.lastIndexOf('//# sourceMappingURL'));
  console.log('bundle bytes', code.length);
  const re = /\n\/\*\*\*\/ "([^"]+)":/g; let m; const mods: Array<[string, number]> = []; let last: [string, number] | null = null;
  while ((m = re.exec(code))) { if (last) last[1] = m.index - last[1]; last = [m[1], m.index]; mods.push(last); }
  if (last) last[1] = code.length - last[1];
  const by = new Map<string, number>();
  for (const [name, size] of mods) { const k = name.includes('node_modules') ? name.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1') : name.split('/').slice(0, 4).join('/'); by.set(k, (by.get(k) ?? 0) + size); }
  console.log('modules', mods.length);
  for (const [k, v] of [...by].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(String(v).padStart(8), k);
})();
(async () => {
  const b = await bundleWorkflowCode({ workflowsPath: workflowBundleOptions.workflowsPath, logger: new DefaultLogger('WARN') });
  require('fs').writeFileSync('/tmp/wfbundle.js', b.code.slice(0, b.code.lastIndexOf('//# sourceMappingURL')));
})();
