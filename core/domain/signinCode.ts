/**
 * The rotating on-site sign-in code. Pure: the MAC itself is computed by the caller (server side,
 * HMAC-SHA256 with the task's secret from `taskSecrets/{taskId}`), so this file needs no crypto and
 * can be imported by the mini-program too.
 *
 * Format (text inside the QR code): `SBD1.<taskId>.<step>.<mac>`
 *   - step = floor(unix ms / STEP_MS), STEP_MS = 30 s: the admin screen renews the code every step
 *   - mac  = first 16 hex chars (64 bits) of HMAC-SHA256(secret, `<taskId>.<step>`)
 * A code is accepted during its own step and the next one (a scan right at a renewal still works),
 * so it lives at most 60 s: a screenshot forwarded to a group chat is useless a minute later.
 */
export const CODE_PREFIX = 'SBD1';
export const STEP_MS = 30_000;
export const MAC_HEX_LENGTH = 16;
/** how many steps back are still accepted (1 = the previous step) */
export const ACCEPTED_PAST_STEPS = 1;

export interface ParsedCode {
  taskId: string;
  step: number;
  mac: string;
}

export function stepAt(now: Date | number): number {
  return Math.floor((typeof now === 'number' ? now : now.getTime()) / STEP_MS);
}

/** When the screen should show the next code: the start of the next step. */
export function nextStepAt(step: number): Date {
  return new Date((step + 1) * STEP_MS);
}

export function macMessage(taskId: string, step: number): string {
  return `${taskId}.${step}`;
}

export function formatCode(taskId: string, step: number, mac: string): string {
  return `${CODE_PREFIX}.${taskId}.${step}.${mac.slice(0, MAC_HEX_LENGTH)}`;
}

/** Reads a scanned or pasted code; null when it is not one of ours. Task ids may not contain dots. */
export function parseCode(text: string): ParsedCode | null {
  const parts = text.trim().split('.');
  if (parts.length !== 4 || parts[0] !== CODE_PREFIX) return null;
  const [, taskId, stepText, mac] = parts;
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(taskId)) return null;
  if (!/^\d{1,15}$/.test(stepText)) return null;
  if (!new RegExp(`^[0-9a-f]{${MAC_HEX_LENGTH}}$`).test(mac)) return null;
  return { taskId, step: Number(stepText), mac };
}

export type CodeVerdict = 'ok' | 'malformed' | 'expired' | 'future' | 'forged' | 'other_task';

/** Constant-time comparison of two equal-length hex strings. */
export function sameMac(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * Decide on a code. `macOf(taskId, step)` returns the expected hex MAC (server side);
 * `expectedTaskId` set = the caller already knows which task this is for.
 */
export function verifyCode(parsed: ParsedCode | null, now: Date, macOf: (taskId: string, step: number) => string, expectedTaskId?: string): CodeVerdict {
  if (!parsed) return 'malformed';
  if (expectedTaskId !== undefined && parsed.taskId !== expectedTaskId) return 'other_task';
  const current = stepAt(now);
  if (parsed.step > current) return 'future';
  if (parsed.step < current - ACCEPTED_PAST_STEPS) {
    // still check the MAC first so a forged old code is reported as forged, not merely expired
    return sameMac(macOf(parsed.taskId, parsed.step).slice(0, MAC_HEX_LENGTH), parsed.mac) ? 'expired' : 'forged';
  }
  return sameMac(macOf(parsed.taskId, parsed.step).slice(0, MAC_HEX_LENGTH), parsed.mac) ? 'ok' : 'forged';
}
