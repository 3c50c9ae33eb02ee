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
