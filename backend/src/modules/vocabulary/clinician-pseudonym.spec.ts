import { createHash, createHmac } from 'node:crypto';
import { clinicianPseudonym, hmacPads, isClinicianPseudonym } from './clinician-pseudonym.js';

describe('clinicianPseudonym', () => {
  // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
  const rfcKey = Buffer.from('Jefe');
  const rfcData = 'what do ya want for nothing?';

  it('is C- and the first six hex digits of HMAC-SHA256 (RFC 4231 case 2)', () => {
    // HMAC-SHA256 = 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843
    expect(clinicianPseudonym(rfcKey, rfcData)).toBe('C-5BDCC1');
    expect(isClinicianPseudonym('C-5BDCC1')).toBe(true);
    expect(isClinicianPseudonym('DR1')).toBe(false);
  });

  it('gives the same pseudonym for the same provider and different ones across secrets', () => {
    const secret = Buffer.alloc(32, 7);
    expect(clinicianPseudonym(secret, 'DR1')).toBe(clinicianPseudonym(secret, 'DR1'));
    expect(clinicianPseudonym(secret, 'DR1')).not.toBe(clinicianPseudonym(secret, 'DR2'));
    expect(clinicianPseudonym(Buffer.alloc(32, 8), 'DR1')).not.toBe(
      clinicianPseudonym(secret, 'DR1'),
    );
  });

  it('has pads that rebuild the HMAC from two plain SHA-256 passes, as the SQL does', () => {
    const { inner, outer } = hmacPads(rfcKey);
    const innerDigest = createHash('sha256')
      .update(Buffer.concat([inner, Buffer.from(rfcData)]))
      .digest();
    const rebuilt = createHash('sha256')
      .update(Buffer.concat([outer, innerDigest]))
      .digest('hex');
    expect(rebuilt).toBe(createHmac('sha256', rfcKey).update(rfcData).digest('hex'));
    expect(rebuilt).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });
});
