import { ValidationError } from '../../common/errors';
import { decodePointsCursor, encodePointsCursor } from './points-cursor';

describe('points cursors', () => {
  it('carry the exact total and the key of the last row back unchanged', () => {
    const sut = encodePointsCursor({ by: 'officer', points: '1.83', key: 'o2' });
    expect(decodePointsCursor(sut, 'officer')).toEqual({ by: 'officer', points: '1.83', key: 'o2' });
  });

  it('are refused under another grouping: a position in the officers ranking means nothing among agencies', () => {
    expect(() => decodePointsCursor(encodePointsCursor({ by: 'officer', points: '2', key: 'o1' }), 'agency')).toThrow(ValidationError);
  });

  it('are refused when forged or damaged', () => {
    for (const raw of ['', 'bm90LWpzb24', Buffer.from('["officer","1; DROP","o1"]').toString('base64url'), Buffer.from('["officer","2",""]').toString('base64url'), Buffer.from('12').toString('base64url')]) {
      expect(() => decodePointsCursor(raw, 'officer')).toThrow(ValidationError);
    }
  });
});
