/**
 * Error answers, shaped like the platform's: `{ code, message, requestId }` with HTTP 200.
 * `wx-server-sdk` maps `code` to an errCode with its own table (unknown codes → -501001), and
 * `db.runTransaction` retries only when a thrown answer has code `DATABASE_TRANSACTION_CONFLICT`.
 */
export class DbError extends Error {
  constructor(public code: string, message: string) {
    super(message);
  }
}

export const Codes = {
  /** wx-server-sdk: -502005 */
  COLLECTION_NOT_EXIST: 'DATABASE_COLLECTION_NOT_EXIST',
  /** wx-server-sdk: -502001 */
  REQUEST_FAILED: 'DATABASE_REQUEST_FAILED',
  /** wx-server-sdk: -502002 (the SDK's table spells it OPERRATOR) */
  INVALID_OPERATOR: 'DATABASE_INVALID_OPERRATOR',
  /** wx-server-sdk: -501007 */
  INVALID_PARAM: 'INVALID_PARAM',
  /** not in the SDK's table → surfaces as -501001, as a duplicate key does on the platform */
  DUPLICATE_KEY: 'DATABASE_DUPLICATE_WRITE',
  /** the only code `runTransaction` retries on */
  TRANSACTION_CONFLICT: 'DATABASE_TRANSACTION_CONFLICT',
  /** transaction id unknown, finished or timed out; not in the SDK's table → -501001 */
  TRANSACTION_NOT_EXIST: 'DATABASE_TRANSACTION_NOT_EXIST',
  /** collection already exists (createCollection) */
  COLLECTION_EXISTS: 'DATABASE_COLLECTION_ALREADY_EXIST',
  /** action the emulator does not implement → -501001 with a clear message */
  UNSUPPORTED_ACTION: 'EMULATOR_UNSUPPORTED_ACTION',
} as const;

export const fail = (code: string, message: string): never => {
  throw new DbError(code, message);
};
