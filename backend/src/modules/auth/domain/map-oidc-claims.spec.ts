import { mapOidcClaims, type ClaimMapping } from './map-oidc-claims.js';

const mapping: ClaimMapping = {
  roleClaim: 'roles',
  departmentClaim: 'departments',
  roleMap: { 'Grounds-Quality': 'QUALITY_MANAGER', 'grounds-admins': 'ADMIN' },
  defaultRole: null,
};

describe('mapOidcClaims', () => {
  it('maps role names and departments from arrays', () => {
    expect(
      mapOidcClaims(
        { roles: ['quality_manager'], departments: ['Oncology', 'Emergency Medicine'] },
        mapping,
      ),
    ).toEqual({ role: 'QUALITY_MANAGER', departments: ['Emergency Medicine', 'Oncology'] });
  });

  it('maps identity-provider groups through the role map, most capable role first', () => {
    expect(mapOidcClaims({ roles: ['staff', 'GROUNDS-ADMINS', 'COMMITTEE'] }, mapping)).toEqual({
      role: 'ADMIN',
      departments: null,
    });
    expect(
      mapOidcClaims({ roles: 'grounds-quality', departments: 'Surgery, Oncology' }, mapping),
    ).toEqual({ role: 'QUALITY_MANAGER', departments: ['Oncology', 'Surgery'] });
  });

  it('reads dotted claim paths (Keycloak realm roles)', () => {
    expect(
      mapOidcClaims(
        { realm_access: { roles: ['auditor'] } },
        { ...mapping, roleClaim: 'realm_access.roles' },
      ),
    ).toEqual({ role: 'AUDITOR', departments: null });
  });

  it('never widens a quality manager without departments to site-wide, unless told with *', () => {
    expect(mapOidcClaims({ roles: ['QUALITY_MANAGER'] }, mapping)).toEqual({
      refused:
        'Your hospital account names no departments in its "departments" claim; ask your administrator.',
    });
    expect(mapOidcClaims({ roles: ['QUALITY_MANAGER'], departments: ['*'] }, mapping)).toEqual({
      role: 'QUALITY_MANAGER',
      departments: null,
    });
  });

  it('refuses an account with no known role unless a default role is set', () => {
    expect(mapOidcClaims({ roles: ['nurse'] }, mapping)).toEqual({
      refused:
        'Your hospital account has no Clinical Grounds role in its "roles" claim; ask your administrator.',
    });
    expect(mapOidcClaims({}, { ...mapping, defaultRole: 'COMMITTEE' })).toEqual({
      role: 'COMMITTEE',
      departments: null,
    });
  });
});
