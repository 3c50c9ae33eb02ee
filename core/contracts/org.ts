import { z } from 'zod';
import { action, empty, pageInput, pageOf, type FunctionContract } from './envelope';
import { adminRole, isoDate, memberCategory, reportStatus, unitStatus } from './member';

/**
 * Contract of the `org` cloud function: the territorial tree (district → street → community → grid),
 * work units, admin appointments, unit membership confirmation and coverage (报到率).
 */

const id = z.string().trim().min(1).max(64);

export const orgKind = z.enum(['district', 'street', 'community', 'grid']);
export type OrgKind = z.infer<typeof orgKind>;
export const orgNode = z.object({ id: z.string(), kind: orgKind, name: z.string(), parentId: z.string().nullable(), address: z.string() });
export type OrgNode = z.infer<typeof orgNode>;

export const unitView = z.object({ id: z.string(), name: z.string(), communityId: z.string(), communityName: z.string(), streetId: z.string().nullable() });
export type UnitView = z.infer<typeof unitView>;

export const adminView = z.object({
  id: z.string(),
  openid: z.string(),
  role: adminRole,
  scopeId: z.string(),
  scopeName: z.string(),
  name: z.string(),
  appointedBy: z.string().nullable(),
  createdAt: isoDate.nullable(),
});
export type AdminView = z.infer<typeof adminView>;

/** A unit's member as its admin sees them (full phone: own unit). */
export const unitMemberView = z.object({
  openid: z.string(),
  name: z.string(),
  phone: z.string(),
  branch: z.string(),
  category: memberCategory,
  unitStatus,
  reportStatus: reportStatus.nullable(),
  communityId: z.string().nullable(),
  communityName: z.string().nullable(),
  lastRemindedAt: isoDate.nullable(),
});
export type UnitMemberView = z.infer<typeof unitMemberView>;

export const coverageRow = z.object({
  id: z.string(),
  name: z.string(),
  /** unit: verified members; community: members reported here (approved) */
  total: z.number().int(),
  reported: z.number().int(),
  pending: z.number().int(),
  /** 0..1, or null when total is 0 */
  rate: z.number().nullable(),
});
export type CoverageRow = z.infer<typeof coverageRow>;

/** A member with a profile, for picking an admin (phone masked). */
export const memberPick = z.object({ openid: z.string(), name: z.string(), phone: z.string(), unitName: z.string().nullable(), communityName: z.string().nullable() });

export const orgContract = {
  /** Communities (optionally of one street), for pickers and the report page. Public. */
  listCommunities: action(z.object({ streetId: id.optional() }).optional().default({}), z.object({ items: z.array(orgNode) })),
  /** The tree below the caller's admin scopes (streets, communities). */
  tree: action(empty, z.object({ items: z.array(orgNode) })),
  listUnits: action(z.object({ communityId: id.optional(), streetId: id.optional() }).optional().default({}), z.object({ items: z.array(unitView) })),

  appointAdmin: action(
    z.object({ role: adminRole.exclude(['super']).describe('角色'), scopeId: id.describe('管辖范围'), openid: id.describe('用户'), name: z.string().trim().max(20).optional().describe('姓名') }),
    z.object({ admin: adminView }),
  ),
  revokeAdmin: action(z.object({ id: z.string().min(3).max(200) }), z.object({ revoked: z.literal(true) })),
  /** Admins the caller may manage (within their scopes), optionally of one scope. */
  listAdmins: action(z.object({ scopeId: id.optional() }).optional().default({}), z.object({ items: z.array(adminView) })),
  /** Members with a profile within the caller's scopes, by name — to appoint one as admin. */
  searchMembers: action(z.object({ q: z.string().trim().min(1).max(20).describe('姓名') }), z.object({ items: z.array(memberPick) })),

  // unit admin
  unitInvite: action(z.object({ unitId: id, regenerate: z.boolean().default(false) }), z.object({ unitId: z.string(), unitName: z.string(), inviteCode: z.string() })),
  unitMembers: action(
    pageInput.extend({ unitId: id, unitStatus: unitStatus.optional(), reported: z.boolean().optional(), q: z.string().trim().max(20).optional() }),
    pageOf(unitMemberView),
  ),
  confirmMember: action(z.object({ unitId: id, openid: id, decision: z.enum(['verify', 'reject']) }), z.object({ member: unitMemberView })),

  /** Coverage (报到率): a unit → itself; a community → itself + its units; a street/district → its communities and units. */
  coverage: action(
    z.object({ scopeId: id.describe('范围') }),
    z.object({ scope: z.object({ id: z.string(), kind: z.enum(['unit', 'community', 'street', 'district', 'root']), name: z.string() }), summary: coverageRow, communities: z.array(coverageRow), units: z.array(coverageRow) }),
  ),
} satisfies FunctionContract;
