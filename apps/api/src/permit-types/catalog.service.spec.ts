// The catalogue the API files new applications on: the newest active version of a type; a type whose
// versions are all retired is refused with a 422 that says so. Here SKDU v2 and PBG are retired.
import { UnprocessableError } from '../common/errors';
import { skduV1 } from '../../../../libs/permits/skdu.v1';
import { CatalogService } from './catalog.service';

jest.mock('../../../../libs/permits/registry', () => {
  const { definePermit } = jest.requireActual('../../../../libs/permit-dsl/define');
  const { skduV1: v1 } = jest.requireActual('../../../../libs/permits/skdu.v1');
  const { skduV2: v2 } = jest.requireActual('../../../../libs/permits/skdu.v2');
  const { pbgV1: pbg } = jest.requireActual('../../../../libs/permits/pbg.v1');
  return { REGISTERED: [definePermit({ ...pbg, retired: true }), v1, definePermit({ ...v2, retired: true })] };
});

describe(CatalogService.name, () => {
  const sut = new CatalogService();

  it('files new applications on the newest active version and lists only types that take them', () => {
    expect(sut.require('SKDU')).toBe(skduV1);
    expect(sut.latest().map((d) => `${d.code} v${d.version}`)).toEqual(['SKDU v1']);
  });

  it('refuses a type whose versions are all retired, saying so', () => {
    expect(() => sut.require('PBG')).toThrow(UnprocessableError);
    expect(() => sut.require('PBG')).toThrow('Permit type "PBG" is retired: every version of it is marked retired and takes no new application. Known types: SKDU');
    expect(() => sut.require('NOPE')).toThrow('There is no permit type "NOPE". Known types: SKDU');
  });

  it('still answers a retired version asked for by number', () => {
    expect(sut.require('SKDU', 2).version).toBe(2);
    expect(sut.find('PBG', 1)?.retired).toBe(true);
  });
});
