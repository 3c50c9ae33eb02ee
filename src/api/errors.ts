/** A failed cloud call, carrying the function's stable code and its Chinese message for the UI. */
export class ApiError extends Error {
  constructor(public readonly code: string, message: string, public readonly details?: unknown) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Codes the client itself produces (no answer from the function). */
export const NETWORK_ERROR = 'NETWORK_ERROR';
export const BAD_RESPONSE = 'BAD_RESPONSE';

/**
 * A VALIDATION_FAILED answer's messages by top-level field (the router sends `details` as
 * `[{ path, message }]`), so a form shows each one next to its field; the first per field wins.
 */
export function fieldErrors(err: unknown, nested = false): Record<string, string> {
  if (!(err instanceof ApiError) || err.code !== 'VALIDATION_FAILED' || !Array.isArray(err.details)) return {};
  const out: Record<string, string> = {};
  for (const d of err.details as Array<{ path?: unknown[]; message?: unknown }>) {
    // nested: keyed by the whole path ('beneficiary.name'), for forms with grouped fields
    const key = Array.isArray(d?.path) && d.path.length ? (nested ? d.path.join('.') : String(d.path[0])) : '';
    if (key && typeof d.message === 'string' && !out[key]) out[key] = d.message;
  }
  return out;
}
