/**
 * A failure a function answers on purpose: the router turns it into `{ ok: false, code, message }`.
 * Lives in core so domain rules can throw it without importing any platform SDK.
 */
export class AppError extends Error {
  constructor(public readonly code: string, message: string, public readonly details?: unknown) {
    super(message);
    this.name = 'AppError';
  }
}

export function fail(code: string, message: string, details?: unknown): never {
  throw new AppError(code, message, details);
}

/** User-written text or an image failed WeChat's content security check (functions/_lib/content.ts); nothing was stored. */
export const CONTENT_RISKY = 'CONTENT_RISKY';
/** The content security check itself could not run (WeChat API error); the caller may retry. */
export const CONTENT_CHECK_UNAVAILABLE = 'CONTENT_CHECK_UNAVAILABLE';
/** A file id given by the client does not name a stored file (cloud storage, -503003). */
export const FILE_NOT_FOUND = 'FILE_NOT_FOUND';
