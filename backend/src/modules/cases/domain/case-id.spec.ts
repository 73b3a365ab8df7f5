import { decodeCaseId, decodeCursor, encodeCaseId, encodeCursor } from './case-id.js';

describe('case ids and cursors', () => {
  it('round-trips an order pk without showing it in clear', () => {
    const id = encodeCaseId('123456');
    expect(id).not.toContain('123456');
    expect(decodeCaseId(id)).toBe('123456');
    expect(decodeCursor(encodeCursor('42'))).toBe('42');
  });

  it('refuses what it did not issue', () => {
    expect(decodeCaseId('123456')).toBeNull();
    expect(decodeCaseId(encodeCursor('5'))).toBeNull();
    expect(decodeCursor(encodeCaseId('5'))).toBeNull();
    expect(decodeCaseId(Buffer.from('case:0').toString('base64url'))).toBeNull();
    expect(decodeCaseId(Buffer.from('case:1 OR 1=1').toString('base64url'))).toBeNull();
    expect(decodeCaseId('')).toBeNull();
    expect(decodeCaseId('%%%')).toBeNull();
  });
});
