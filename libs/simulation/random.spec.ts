import { prng, shuffled } from './random';

describe('shuffled', () => {
  const items = Array.from({ length: 50 }, (_, i) => i);

  it('returns every item once, leaving the input as it was', () => {
    const out = shuffled(prng(14), items);
    expect([...out].sort((a, b) => a - b)).toEqual(items);
    expect(items).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('draws the same order from the same seed, and another from another seed', () => {
    expect(shuffled(prng(14), items)).toEqual(shuffled(prng(14), items));
    expect(shuffled(prng(14), items)).not.toEqual(shuffled(prng(15), items));
    expect(shuffled(prng(14), items)).not.toEqual(items);
  });
});
