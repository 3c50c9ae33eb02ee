/**
 * Database set-up as data: every collection the app uses, its indexes, and its permission rule.
 * Applied by the `bootstrap` function on a fresh WeChat cloud environment and by the emulator at start.
 * No client reads or writes any collection directly: everything goes through functions, so every
 * collection's client rule is "no access" (`{ read: false, write: false }`).
 */
export interface IndexSpec {
  name: string;
  /** field → 1 (ascending) or -1 (descending), in order */
  keys: Record<string, 1 | -1>;
  unique?: boolean;
}
export interface CollectionSpec {
  name: string;
  indexes: IndexSpec[];
  /** security rule for client SDK access; functions (admin) bypass it */
  rule: { read: boolean; write: boolean };
}

const closed = { read: false, write: false };

export const collections: CollectionSpec[] = [
  { name: 'orgs', rule: closed, indexes: [{ name: 'parent', keys: { parentId: 1, kind: 1 } }] },
  { name: 'units', rule: closed, indexes: [{ name: 'community', keys: { communityId: 1 } }, { name: 'invite', keys: { inviteCode: 1 }, unique: true }] },
  { name: 'admins', rule: closed, indexes: [{ name: 'openid', keys: { openid: 1 } }, { name: 'scope', keys: { scopeId: 1, role: 1 } }] },
  { name: 'members', rule: closed, indexes: [{ name: 'unit', keys: { unitId: 1, unitStatus: 1 } }, { name: 'community', keys: { communityId: 1 } }] },
  { name: 'reports', rule: closed, indexes: [{ name: 'member', keys: { openid: 1, createdAt: -1 } }, { name: 'community', keys: { communityId: 1, status: 1, createdAt: -1 } }, { name: 'unit', keys: { unitId: 1, status: 1 } }, { name: 'followUp', keys: { followUp: 1, followUpAt: 1 } }] },
  { name: 'unitReports', rule: closed, indexes: [{ name: 'unit', keys: { unitId: 1, createdAt: -1 } }, { name: 'community', keys: { communityId: 1, status: 1 } }] },
  { name: 'inbox', rule: closed, indexes: [{ name: 'member', keys: { openid: 1, createdAt: -1 } }] },
  { name: 'needs', rule: closed, indexes: [{ name: 'community', keys: { communityId: 1, createdAt: -1 } }] },
  { name: 'projects', rule: closed, indexes: [{ name: 'community', keys: { communityId: 1, createdAt: -1 } }] },
  { name: 'tasks', rule: closed, indexes: [{ name: 'community', keys: { communityId: 1, status: 1, startAt: 1 } }, { name: 'start', keys: { status: 1, startAt: 1 } }] },
  { name: 'taskSecrets', rule: closed, indexes: [] },
  { name: 'signups', rule: closed, indexes: [{ name: 'task', keys: { taskId: 1, status: 1, createdAt: 1 } }, { name: 'member', keys: { openid: 1, createdAt: -1 } }, { name: 'residentCode', keys: { residentCode: 1 } }] },
  { name: 'auditLog', rule: closed, indexes: [{ name: 'subject', keys: { subjectId: 1, createdAt: -1 } }] },
  { name: 'ledger', rule: closed, indexes: [{ name: 'member', keys: { openid: 1, year: 1, at: -1, createdAt: -1 } }, { name: 'created', keys: { createdAt: 1 } }] },
  { name: 'balances', rule: closed, indexes: [{ name: 'community', keys: { year: 1, communityId: 1, effective: -1 } }, { name: 'unit', keys: { year: 1, unitId: 1, effective: -1 } }, { name: 'street', keys: { year: 1, streetId: 1, effective: -1 } }, { name: 'spendable', keys: { year: 1, spendable: -1 } }, { name: 'updated', keys: { updatedAt: 1 } }] },
  // rank counts per year and scope (`${year}:${field}:${scopeId}`, functions/_lib/rank.ts): own rank and totals in one read
  { name: 'rankCounts', rule: closed, indexes: [{ name: 'year', keys: { year: 1 } }] },
  { name: 'rules', rule: closed, indexes: [{ name: 'scope', keys: { scopeId: 1, version: -1 } }] },
  { name: 'subscriptions', rule: closed, indexes: [] },
  // minutes a member has confirmed per China-time day, by task: read and written in the confirm
  // transaction so two tasks confirmed at once cannot both fill the same day past the cap
  { name: 'serviceDays', rule: closed, indexes: [{ name: 'member', keys: { openid: 1, day: -1 } }] },
  // notices to deliver, one per cause (`_id` from the key): functions/_lib/outbox.ts writes, `notify` delivers
  { name: 'outbox', rule: closed, indexes: [{ name: 'due', keys: { status: 1, dueAt: 1 } }, { name: 'member', keys: { openid: 1, status: 1 } }] },
  // a member's notification settings (`_id` openid): kinds muted for subscribe messages
  { name: 'noticePrefs', rule: closed, indexes: [] },
  // one per idempotent creating call: `${kind}:${openid}:${requestId}` → created id + answer (functions/_lib/once.ts)
  { name: 'requests', rule: closed, indexes: [] },
  // 群发 log (`broadcast:<communityId>:<requestId>`) and per-community daily counters (`day:<communityId>:<day>`)
  { name: 'broadcasts', rule: closed, indexes: [{ name: 'community', keys: { kind: 1, communityId: 1, createdAt: -1 } }] },
  // 服务证明 (record function): numbered from `counters`, every verification logged in certificateChecks
  { name: 'certificates', rule: closed, indexes: [{ name: 'member', keys: { openid: 1, requestedAt: -1 } }, { name: 'community', keys: { communityId: 1, status: 1, requestedAt: -1 } }, { name: 'number', keys: { number: 1 } }] },
  { name: 'certificateChecks', rule: closed, indexes: [{ name: 'number', keys: { number: 1, createdAt: -1 } }] },
  // per-scope sequences taken inside transactions (certificate numbers), `_id` = `${kind}:${scope}:${year}`
  { name: 'counters', rule: closed, indexes: [] },
  // 反馈单 and 出具意见 (record function): `letter-<period>-<openid>` drafts, numbered from `counters` when sent
  { name: 'letters', rule: closed, indexes: [{ name: 'member', keys: { openid: 1, draftedAt: -1 } }, { name: 'community', keys: { communityId: 1, periodKey: 1, status: 1, draftedAt: -1 } }, { name: 'unit', keys: { unitId: 1, status: 1, draftedAt: -1 } }] },
  // 记实档案 export jobs (record function): one per export, advanced a page of members per call; parts in storage until the xlsx is assembled
  { name: 'exportJobs', rule: closed, indexes: [{ name: 'owner', keys: { by: 1, createdAt: -1 } }] },
  // the letter timer's marker per community and period (`<communityId>:<period>`): each period drafted once
  { name: 'letterRuns', rule: closed, indexes: [] },
  // 双向评价: `_id` = rater:target:period, so one per rater per target per period
  { name: 'evaluations', rule: closed, indexes: [{ name: 'target', keys: { targetKind: 1, targetId: 1, createdAt: -1 } }, { name: 'street', keys: { streetId: 1, period: 1 } }, { name: 'streetTasks', keys: { streetId: 1, targetKind: 1, createdAt: 1 } }, { name: 'rater', keys: { raterKind: 1, raterId: 1, targetKind: 1, period: 1 } }] },
  // 承诺践诺: a member's pledges by year; the community's wall and review queues by status
  { name: 'pledges', rule: closed, indexes: [{ name: 'member', keys: { openid: 1, year: 1, createdAt: 1 } }, { name: 'community', keys: { communityId: 1, year: 1, status: 1, createdAt: 1 } }] },
  // 群众评: one rating per person and pledge (`<pledgeId>:<openid>`); the tally sits on the pledge
  { name: 'pledgeRatings', rule: closed, indexes: [{ name: 'pledge', keys: { pledgeId: 1, createdAt: -1 } }] },
  // 微心愿: the wall by status; a wish holds its one live claim, `wishClaims` every claim (my claims, released ones)
  { name: 'wishes', rule: closed, indexes: [{ name: 'community', keys: { communityId: 1, status: 1, createdAt: -1 } }, { name: 'street', keys: { streetId: 1, status: 1, deadline: 1 } }, { name: 'claim', keys: { status: 1, 'claim.lastProgressAt': 1 } }] },
  { name: 'wishClaims', rule: closed, indexes: [{ name: 'member', keys: { members: 1, createdAt: -1 } }, { name: 'wish', keys: { wishId: 1, createdAt: -1 } }] },
  // dashboards (functions/stats): one document per scope and China-time month, `${scopeId}:${month}`, rolled up by the stats timer
  { name: 'statsMonths', rule: closed, indexes: [{ name: 'scope', keys: { scopeId: 1, month: 1 } }, { name: 'parent', keys: { parentId: 1, month: 1 } }, { name: 'kind', keys: { kind: 1, month: 1 } }, { name: 'area', keys: { path: 1, kind: 1, month: 1 } }] },
  // a district's red/yellow/green thresholds, versioned (`${districtId}:${version}`); the latest version wins
  { name: 'statsRules', rule: closed, indexes: [{ name: 'district', keys: { districtId: 1, version: -1 } }] },
  // 积分公示 (functions/gongshi): a community's weekly batch `${communityId}:${week}`, one item per published entry (`_id` = entry id),
  // objections `${itemId}:${objector}`; the daily timer finds items whose window ended by (status, endsAt)
  { name: 'gongshiBatches', rule: closed, indexes: [{ name: 'community', keys: { communityId: 1, publishedAt: -1 } }] },
  { name: 'gongshiItems', rule: closed, indexes: [{ name: 'batch', keys: { batchId: 1, at: 1 } }, { name: 'due', keys: { status: 1, endsAt: 1 } }] },
  { name: 'objections', rule: closed, indexes: [{ name: 'community', keys: { communityId: 1, status: 1, createdAt: -1 } }, { name: 'item', keys: { itemId: 1, status: 1 } }, { name: 'objector', keys: { objector: 1, createdAt: -1 } }] },
  // 复核: hand-made credits awaiting a second admin (`_id` = held ledger entry id), by community and status
  { name: 'reviews', rule: closed, indexes: [{ name: 'community', keys: { communityId: 1, status: 1, createdAt: -1 } }] },
  { name: 'reconciliations', rule: closed, indexes: [{ name: 'time', keys: { createdAt: -1 } }] },
  // 积分兑换 (redeem function): a community's catalogue, redemptions (one-time code = `_id` rd-<code>),
  // per-district settings (`_id` districtId); per-member limits in `counters` (`redeem:<itemId>:<openid>`)
  { name: 'redeemItems', rule: closed, indexes: [{ name: 'community', keys: { communityId: 1, status: 1, createdAt: -1 } }] },
  { name: 'redemptions', rule: closed, indexes: [{ name: 'member', keys: { openid: 1, createdAt: -1 } }, { name: 'community', keys: { communityId: 1, status: 1, createdAt: -1 } }, { name: 'expiry', keys: { status: 1, expiresAt: 1 } }, { name: 'code', keys: { code: 1 }, unique: true }] },
  { name: 'redeemSettings', rule: closed, indexes: [] },
];

export const collectionNames = collections.map((c) => c.name);
