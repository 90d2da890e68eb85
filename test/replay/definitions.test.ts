// The stored histories were recorded against these definitions: a workflow replays only if the definition
// it reads is the same value. The fixture is the catalogue as JSON; a refactor of libs/permits must leave
// it byte for byte unchanged, and a real change of a definition ships as a new version instead.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFINITIONS } from '../../libs/permits';

describe('the permit catalogue the histories were recorded with', () => {
  it('is unchanged, every definition to the last key and its order', () => {
    const recorded = readFileSync(join(__dirname, 'fixtures', 'permit-definitions.json'), 'utf8');
    expect(JSON.stringify(DEFINITIONS, null, 1)).toBe(recorded);
  });
});
