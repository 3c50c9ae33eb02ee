/**
 * Who may act where. Pure: callers pass the caller's grants and the target's place in the
 * hierarchy (district → street → community; units sit in a community). A grant covers its scope
 * and everything below it, so a street admin may act for every community of that street.
 */
/** What a super admin's scope ('root') is called where no single district names it. */
export const ROOT_SCOPE_NAME = '全市（所有区）';

export type Role = 'super' | 'district' | 'street' | 'community' | 'unit';
export interface Grant { role: Role; scopeId: string }

/** Where a target sits. Fill what is known; a community target should carry its street and district. */
export interface Place {
  districtId?: string;
  streetId?: string;
  communityId?: string;
  unitId?: string;
}

/** Rank of roles, top first; an admin may appoint only roles strictly below their own. */
export const roleRank: Record<Role, number> = { super: 0, district: 1, street: 2, community: 3, unit: 4 };

export function covers(grant: Grant, place: Place): boolean {
  switch (grant.role) {
    case 'super':
      return true;
    case 'district':
      return !!place.districtId && place.districtId === grant.scopeId;
    case 'street':
      return !!place.streetId && place.streetId === grant.scopeId;
    case 'community':
      return !!place.communityId && place.communityId === grant.scopeId;
    case 'unit':
      return !!place.unitId && place.unitId === grant.scopeId;
  }
}

/**
 * May the caller act as an admin of `level` over `place`? Territorial admins above the level also
 * may (a street admin can do a community admin's work in their street). Unit admins act only on
 * their own unit: territorial roles do not act for a unit, except super.
 */
export function canAdmin(grants: Grant[], level: 'unit' | 'community' | 'street' | 'district', place: Place): boolean {
  return grants.some((g) => {
    if (g.role === 'super') return true;
    if (level === 'unit') return g.role === 'unit' && covers(g, place);
    if (g.role === 'unit') return false;
    return roleRank[g.role] <= roleRank[level] && covers(g, place);
  });
}

/** May `grants` appoint an admin of `role` over `place`? Only strictly below one's own rank, within one's scope. */
export function canAppoint(grants: Grant[], role: Role, place: Place): boolean {
  if (role === 'super') return false;
  return grants.some((g) => {
    if (g.role === 'super') return true;
    if (g.role === 'unit') return false;
    if (roleRank[role] <= roleRank[g.role]) return false;
    return covers(g, place);
  });
}

export function isAdmin(grants: Grant[]): boolean {
  return grants.length > 0;
}
