import type { OutputOf, ParsedInputOf } from '../../core/contracts/envelope';
import { rows } from '../_lib/query';
import { fail } from '../../core/contracts/errors';
import type { pointsContract } from '../../core/contracts/points';
import { ruleDocIdOf } from '../../core/domain/ledger';
import { canAdmin, type Place } from '../../core/domain/permissions';
import { DEFAULT_RULE, DEFAULT_RULE_ID, validateRule } from '../../core/domain/scoring';
import { grantsOf, requireAdmin } from '../_lib/auth';
import type { Ctx } from '../_lib/router';
import { getDoc, placeOfMember, type RuleDoc } from '../_shared/ledger';
import { iso } from './dto';

type C = typeof pointsContract;
interface OrgDoc { _id: string; kind: string; name?: string; path?: string[] }

/** A rule scope is a district (sets the rule for all its communities) or a community (overrides it). */
async function scopeOf(ctx: Ctx, scopeId: string): Promise<{ org: OrgDoc; kind: 'district' | 'community'; place: Place }> {
  const org = await getDoc<OrgDoc>(ctx, 'orgs', scopeId);
  if (!org || (org.kind !== 'district' && org.kind !== 'community')) fail('SCOPE_NOT_FOUND', '积分规则只能按区或社区设置');
  if (org.kind === 'district') return { org, kind: 'district', place: { districtId: org._id } };
  const [districtId, streetId] = org.path ?? [];
  return { org, kind: 'community', place: { districtId, streetId, communityId: org._id } };
}

async function versionsOf(ctx: Ctx, scopeId: string, limit: number): Promise<RuleDoc[]> {
  const res = { data: await rows<RuleDoc>(ctx.db.collection('rules').where({ scopeId }).orderBy('version', 'desc').limit(limit)) };
  return res.data;
}

export async function rules(input: ParsedInputOf<C, 'rules'>, ctx: Ctx): Promise<OutputOf<C, 'rules'>> {
  let scopeId = input.scopeId;
  if (!scopeId) {
    scopeId = (await placeOfMember(ctx, ctx.openid, null)).communityId ?? undefined;
    if (!scopeId) fail('NOT_REPORTED', '您尚未报到到社区');
  }
  const { org, kind, place } = await scopeOf(ctx, scopeId);
  const versions = await versionsOf(ctx, scopeId, 20);
  let current: RuleDoc | null = versions[0] ?? null;
  let source: 'own' | 'district' | 'default' = current ? 'own' : 'default';
  if (!current && kind === 'community' && place.districtId) {
    current = (await versionsOf(ctx, place.districtId, 1))[0] ?? null;
    if (current) source = 'district';
  }
  const grants = await grantsOf(ctx);
  return {
    scopeId, scopeKind: kind, scopeName: org.name ?? scopeId,
    rule: { ...DEFAULT_RULE, ...(current?.rule ?? {}) },
    source,
    ruleId: current?._id ?? DEFAULT_RULE_ID,
    version: current?.version ?? 0,
    versions: versions.map((v) => ({
      ruleId: v._id, version: v.version, note: v.note ?? null, createdAt: iso(v.createdAt), rule: { ...DEFAULT_RULE, ...v.rule },
    })),
    canEdit: canAdmin(grants, kind, place),
  };
}

/**
 * A new version of a scope's rule. Past entries keep the rule id and version that computed them;
 * nothing already credited is recomputed. Two admins saving at once: the second gets CONFLICT.
 */
export async function setRules(input: ParsedInputOf<C, 'setRules'>, ctx: Ctx): Promise<OutputOf<C, 'setRules'>> {
  const { kind, place } = await scopeOf(ctx, input.scopeId);
  await requireAdmin(ctx, kind, place);
  const problem = validateRule(input.rule);
  if (problem) fail('INVALID_RULE', problem);
  const latest = (await versionsOf(ctx, input.scopeId, 1))[0];
  const version = (latest?.version ?? 0) + 1;
  const ruleId = ruleDocIdOf(input.scopeId, version);
  try {
    await ctx.db.collection('rules').add({
      data: {
        _id: ruleId, scopeId: input.scopeId, scopeKind: kind, version, rule: input.rule, note: input.note || null, createdBy: ctx.openid, createdAt: ctx.now,
      },
    });
  } catch (err) {
    // the derived _id already exists: someone saved a version at the same moment
    if (await getDoc<RuleDoc>(ctx, 'rules', ruleId)) fail('CONFLICT', '规则刚被他人修改，请刷新后重试');
    throw err;
  }
  return { ruleId, version };
}
