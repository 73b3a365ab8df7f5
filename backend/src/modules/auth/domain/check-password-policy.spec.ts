import { checkPasswordPolicy } from './check-password-policy.js';

describe('checkPasswordPolicy', () => {
  it('accepts a long passphrase', () => {
    expect(checkPasswordPolicy('correct horse battery', 'ana@example.org')).toBeNull();
    expect(checkPasswordPolicy('twelve chars', 'ana@example.org')).toBeNull();
  });

  it('refuses fewer than 12 characters, counting characters rather than bytes', () => {
    expect(checkPasswordPolicy('eleven char', 'ana@example.org')).toBe(
      'The password must be at least 12 characters long.',
    );
    expect(checkPasswordPolicy('ééééééééééé1', 'ana@example.org')).toBeNull();
  });

  it('refuses the email address and its local part, whatever the case', () => {
    expect(checkPasswordPolicy('Quality.Manager@Example.org', 'quality.manager@example.org')).toBe(
      'The password must not be the email address.',
    );
    expect(checkPasswordPolicy('quality.manager', 'quality.manager@example.org')).toBe(
      'The password must not be the email address.',
    );
  });

  it('refuses one character repeated', () => {
    expect(checkPasswordPolicy('aaaaaaaaaaaaaaa', 'ana@example.org')).toBe(
      'The password must not be one character repeated.',
    );
  });
});
