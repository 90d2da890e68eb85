// Story: SKDU v2 is marked `retired: true` in code (say a court struck the site visit down) and PBG is
// withdrawn from the catalogue altogether. New applications start on the newest active version; a
// retired version stays registered and findable by its number, for the applications running on it.
import { definePermit } from '../permit-dsl/define';
import { pbgV1 } from './pbg.v1';
import { skduV1 } from './skdu.v1';
import { skduV2 } from './skdu.v2';
import { DEFINITIONS, findDefinition, isActive, latestDefinitions, newestActive } from './index';

jest.mock('./registry', () => {
  // jest.mock factories may not close over imports: the definitions are required inside.
  const { definePermit: define } = jest.requireActual('../permit-dsl/define');
  const { skduV1: v1 } = jest.requireActual('./skdu.v1');
  const { skduV2: v2 } = jest.requireActual('./skdu.v2');
  const { pbgV1: pbg } = jest.requireActual('./pbg.v1');
  return { REGISTERED: [define({ ...pbg, retired: true }), v1, define({ ...v2, retired: true })] };
});

describe('retired versions', () => {
  it('keeps every version in the catalogue, retired ones marked', () => {
    expect(DEFINITIONS.map((d) => [d.code, d.version, isActive(d)])).toEqual([
      ['PBG', 1, false],
      ['SKDU', 1, true],
      ['SKDU', 2, false],
    ]);
  });

  it('starts new applications on the newest active version, and offers no type whose versions are all retired', () => {
    expect(findDefinition('SKDU')).toBe(skduV1);
    expect(findDefinition('PBG')).toBeUndefined();
    expect(latestDefinitions().map((d) => `${d.code} v${d.version}`)).toEqual(['SKDU v1']);
  });

  it('still finds a retired version by its number, for the applications running on it', () => {
    expect(findDefinition('SKDU', 2)?.retired).toBe(true);
    expect(findDefinition('PBG', 1)?.code).toBe('PBG');
  });

  it('picks the newest active version whatever the order, and a newer active version over an older one', () => {
    const v2Retired = definePermit({ ...skduV2, retired: true });
    const v1Retired = definePermit({ ...skduV1, retired: true });
    expect(newestActive('SKDU', [skduV2, skduV1])).toBe(skduV2);
    expect(newestActive('SKDU', [v2Retired, skduV1])).toBe(skduV1);
    expect(newestActive('SKDU', [v1Retired, skduV2])).toBe(skduV2);
    expect(newestActive('SKDU', [v1Retired, v2Retired])).toBeUndefined();
    expect(latestDefinitions([pbgV1, v1Retired, v2Retired]).map((d) => d.code)).toEqual(['PBG']);
  });

  it('refuses a retired flag that is not a boolean', () => {
    expect(() => definePermit({ ...skduV1, retired: 'yes' as unknown as boolean })).toThrow('retired: must be true or false');
  });
});
