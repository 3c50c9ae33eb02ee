import { canAdmin, canAppoint, covers, type Grant } from './permissions';

const c1 = { districtId: 'dist-1', streetId: 'street-1', communityId: 'comm-1' };
const c3 = { districtId: 'dist-1', streetId: 'street-2', communityId: 'comm-3' };

describe('permissions', () => {
  it('a community admin acts on their own community only', () => {
    const g: Grant[] = [{ role: 'community', scopeId: 'comm-1' }];
    expect(canAdmin(g, 'community', c1)).toBe(true);
    expect(canAdmin(g, 'community', c3)).toBe(false);
  });
  it('a street admin acts for communities of their street, not others', () => {
    const g: Grant[] = [{ role: 'street', scopeId: 'street-1' }];
    expect(canAdmin(g, 'community', c1)).toBe(true);
    expect(canAdmin(g, 'community', c3)).toBe(false);
    expect(canAdmin(g, 'street', { districtId: 'dist-1', streetId: 'street-1' })).toBe(true);
  });
  it('a community admin cannot act at street level', () => {
    expect(canAdmin([{ role: 'community', scopeId: 'comm-1' }], 'street', c1)).toBe(false);
  });
  it('unit admins act on their unit only; territorial admins do not act for a unit', () => {
    expect(canAdmin([{ role: 'unit', scopeId: 'unit-1' }], 'unit', { unitId: 'unit-1' })).toBe(true);
    expect(canAdmin([{ role: 'unit', scopeId: 'unit-1' }], 'unit', { unitId: 'unit-2' })).toBe(false);
    expect(canAdmin([{ role: 'unit', scopeId: 'unit-1' }], 'community', { ...c1, unitId: 'unit-1' })).toBe(false);
    expect(canAdmin([{ role: 'district', scopeId: 'dist-1' }], 'unit', { unitId: 'unit-1', ...c1 })).toBe(false);
  });
  it('super covers everything', () => {
    expect(covers({ role: 'super', scopeId: 'root' }, {})).toBe(true);
    expect(canAdmin([{ role: 'super', scopeId: 'root' }], 'unit', { unitId: 'x' })).toBe(true);
  });
  it('admins appoint only below themselves and within scope', () => {
    const street: Grant[] = [{ role: 'street', scopeId: 'street-1' }];
    expect(canAppoint(street, 'community', c1)).toBe(true);
    expect(canAppoint(street, 'community', c3)).toBe(false);
    expect(canAppoint(street, 'street', { streetId: 'street-1' })).toBe(false);
    expect(canAppoint([{ role: 'community', scopeId: 'comm-1' }], 'community', c1)).toBe(false);
    expect(canAppoint([{ role: 'super', scopeId: 'root' }], 'super', {})).toBe(false);
    expect(canAppoint([{ role: 'unit', scopeId: 'unit-1' }], 'unit', { unitId: 'unit-1' })).toBe(false);
  });
});
