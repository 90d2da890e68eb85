import { changedFields, correctedData, sameValue } from './corrections';

describe('corrections of a resubmission', () => {
  const data = { businessName: 'Kedai Kopi Kota Tua', employees: 8, capacity: 40, address: { rt: '001', rw: '002' } };

  it('replaces each field given whole, removes a field given as null, keeps the others, and leaves the original alone', () => {
    const next = correctedData(data, { businessName: 'Kedai Kopi Kota Tua Jaya', capacity: null, address: { rt: '003' } });

    expect(next).toEqual({ businessName: 'Kedai Kopi Kota Tua Jaya', employees: 8, address: { rt: '003' } });
    expect(data.capacity).toBe(40);
  });

  it('names the fields whose value changed or that were removed, not those given again unchanged or removed though absent', () => {
    const corrections = { businessName: 'Kedai Kopi Kota Tua Jaya', employees: 8, capacity: null, kbli: null, address: { rw: '002', rt: '001' } };

    expect(changedFields(data, correctedData(data, corrections), corrections)).toEqual(['businessName', 'capacity']);
  });

  it('compares JSON values regardless of key order, but array order matters', () => {
    expect(sameValue({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue('8', 8)).toBe(false);
  });
});
