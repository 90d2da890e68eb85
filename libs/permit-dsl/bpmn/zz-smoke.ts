import { toBpmnXml } from './export';
import { fromBpmnXml } from './import';
import { BPMN_FIXTURE, BPMN_FIXTURE_ODD } from './fixture';
import { deepEqual } from './common';
import { writeFileSync } from 'fs';
import { isDeepStrictEqual } from 'util';
(async () => {
  for (const def of [BPMN_FIXTURE, BPMN_FIXTURE_ODD]) {
    const xml = toBpmnXml(def);
    writeFileSync(`/tmp/bp/${def.version}.bpmn`, xml);
    const back = await fromBpmnXml(xml);
    console.log('todos', back.todos);
    const a = back.definition as any, b = def as any;
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) if (!deepEqual(a[k], b[k])) console.log('DIFF', k, JSON.stringify(a[k]).slice(0, 3000), '\n---\n', JSON.stringify(b[k]).slice(0, 3000));
    void isDeepStrictEqual;
  }
})();
