/**
 * A rule refused the request: a stable error code and a message for the user. The domain throws it;
 * functions/_lib/router.ts turns it into `{ ok: false, code, message }`. It lives in the domain so
 * domain rules need no wire contracts; core/contracts/errors.ts re-exports it with the catalogue.
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
