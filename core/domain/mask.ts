/**
 * Masking of personal data for display to people who are not entitled to it.
 * Phones: 13812341234 → 138****1234. Every list masks them, for admins too; the member sees their
 * own, and an admin of the member's own community or unit gets one number at a time through the
 * audited `org.revealPhone`.
 */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const p = String(phone).trim();
  if (/^\d{11}$/.test(p)) return `${p.slice(0, 3)}****${p.slice(7)}`;
  if (p.length <= 4) return '*'.repeat(p.length);
  // landlines and anything else: keep the last 4 only
  return `${'*'.repeat(p.length - 4)}${p.slice(-4)}`;
}

/** An OPENID for display: first 4 and last 4 characters. */
export function maskOpenid(openid: string): string {
  if (openid.length <= 8) return `${openid.slice(0, 2)}…`;
  return `${openid.slice(0, 4)}…${openid.slice(-4)}`;
}

/** A name for public lists (rankings): 张三 → 张*, 欧阳小明 → 欧**明. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/**
 * May the viewer see the member's full phone? The member themself, and admins (already verified
 * by the caller as admins of the member's own community or unit) — `adminOfMember` says that.
 */
export function canSeePhone(viewerOpenid: string, memberOpenid: string, adminOfMember: boolean): boolean {
  return viewerOpenid === memberOpenid || adminOfMember;
}

export function phoneFor(viewerOpenid: string, memberOpenid: string, adminOfMember: boolean, phone: string): string {
  return canSeePhone(viewerOpenid, memberOpenid, adminOfMember) ? phone : maskPhone(phone);
}
