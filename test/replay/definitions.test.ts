// The stored histories were recorded against these definitions: a workflow replays only if the definition
// it reads is the same value. The fixture is the catalogue as JSON; a refactor of libs/permits must leave
// it byte for byte unchanged, and a real change of a definition ships as a new version instead. Only the
// keys the engine never reads (REPORT_ONLY_STEP_KEYS: a step's points weight and its reason) are left out
// of the comparison: the reports read them from the catalogue, so they may change in place.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { engineView } from '../../libs/permit-dsl/definition';
import { DEFINITIONS } from '../../libs/permits';

describe('the permit catalogue the histories were recorded with', () => {
  it('is unchanged, every definition to the last key and its order', () => {
    const recorded = readFileSync(join(__dirname, 'fixtures', 'permit-definitions.json'), 'utf8');
    expect(JSON.stringify(DEFINITIONS, engineView, 1)).toBe(recorded);
  });
});
