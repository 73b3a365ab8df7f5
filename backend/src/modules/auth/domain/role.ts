/** The four roles of the product (README, "Sign-in and roles"); pure, for domain code. */
export const ROLES = ['ADMIN', 'QUALITY_MANAGER', 'COMMITTEE', 'AUDITOR'] as const;
export type Role = (typeof ROLES)[number];
