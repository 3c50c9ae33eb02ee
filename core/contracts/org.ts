import { z } from 'zod';
import { action, empty, pageInput, pageOf, type FunctionContract } from './envelope';
import { adminRole, isoDate, memberCategory, personName, reportStatus, unitStatus } from './member';

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

/** 报到率 of a unit: its verified members who have an approved report (anywhere). */
export const unitCoverage = z.object({
  id: z.string(),
  name: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  /** verified members */
  total: z.number().int(),
  /** of those, with an approved report */
  reported: z.number().int(),
  /** reports of its members waiting for a community's approval */
  pending: z.number().int(),
  /** 0..1, null when the unit has no verified member */
  rate: z.number().nullable(),
  /** the unit's own report (组织报到) to its community */
  unitReportStatus: z.enum(['pending', 'approved', 'rejected', 'withdrawn']).nullable(),
});
export type UnitCoverage = z.infer<typeof unitCoverage>;

/** A community: members reported to it, and how many of the units sitting there have reported. */
export const communityCoverage = z.object({
  id: z.string(),
  name: z.string(),
  membersReported: z.number().int(),
  membersPending: z.number().int(),
  unitsTotal: z.number().int(),
  unitsReported: z.number().int(),
});
export type CommunityCoverage = z.infer<typeof communityCoverage>;

export const coverageSummary = z.object({
  /** verified members of the units in scope, and those of them reported */
  total: z.number().int(),
  reported: z.number().int(),
  rate: z.number().nullable(),
  /** approved member reports to the communities in scope */
  membersReported: z.number().int(),
  unitsTotal: z.number().int(),
  unitsReported: z.number().int(),
});
export type CoverageSummary = z.infer<typeof coverageSummary>;

/** A member with a profile, for picking an admin (phone masked). */
export const memberPick = z.object({
  openid: z.string(), name: z.string(), phone: z.string(), unitName: z.string().nullable(), communityName: z.string().nullable(),
});

export const orgContract = {
  /** Communities (optionally of one street), for pickers and the report page. Public. */
  listCommunities: action(z.object({ streetId: id.optional() }).optional().default({}), z.object({ items: z.array(orgNode) })),
  /** The tree below the caller's admin scopes (streets, communities). */
  tree: action(empty, z.object({ items: z.array(orgNode) })),
  listUnits: action(z.object({ communityId: id.optional(), streetId: id.optional() }).optional().default({}), z.object({ items: z.array(unitView) })),

  appointAdmin: action(
    z.object({ role: adminRole.exclude(['super']).describe('角色'), scopeId: id.describe('管辖范围'), openid: id.describe('用户'), name: z.union([z.literal(''), personName]).optional().describe('姓名') }),
    z.object({ admin: adminView }),
  ),
  revokeAdmin: action(z.object({ id: z.string().min(3).max(200) }), z.object({ revoked: z.literal(true) })),
  /** Admins the caller may manage (within their scopes), optionally of one scope. */
  listAdmins: action(z.object({ scopeId: id.optional() }).optional().default({}), z.object({ items: z.array(adminView) })),
  /** Members with a profile within the caller's scopes, by name — to appoint one as admin. */
  searchMembers: action(z.object({ q: z.string().trim().min(1).max(20).describe('姓名') }), z.object({ items: z.array(memberPick) })),

  /** One member's full phone for an admin of that member's own community or unit; every call is audited. Lists mask phones. */
  revealPhone: action(z.object({ openid: id.describe('党员') }), z.object({ openid: z.string(), name: z.string(), phone: z.string() })),

  // unit admin
  unitInvite: action(
    z.object({ unitId: id, regenerate: z.boolean().default(false) }),
    z.object({ unitId: z.string(), unitName: z.string(), inviteCode: z.string() }),
  ),
  unitMembers: action(
    pageInput.extend({ unitId: id, unitStatus: unitStatus.optional(), reported: z.boolean().optional(), q: z.string().trim().max(20).optional() }),
    pageOf(unitMemberView),
  ),
  confirmMember: action(z.object({ unitId: id, openid: id, decision: z.enum(['verify', 'reject']) }), z.object({ member: unitMemberView })),

  /** Coverage (报到率): a unit → itself; a community → itself + its units; a street/district → its communities and units. */
  coverage: action(
    z.object({ scopeId: id.describe('范围').describe('范围：单位/社区/街道/区的编号，超级管理员可用 root') }),
    z.object({ scope: z.object({ id: z.string(), kind: z.enum(['unit', 'community', 'street', 'district', 'root']), name: z.string() }), summary: coverageSummary, communities: z.array(communityCoverage), units: z.array(unitCoverage) }),
  ),
} satisfies FunctionContract;
