/** A failure a function answers on purpose (defined in the domain, which imports no contracts). */
export { AppError, fail } from '../domain/failure';

/** User-written text or an image failed WeChat's content security check (functions/_lib/content.ts); nothing was stored. */
export const CONTENT_RISKY = 'CONTENT_RISKY';
/** The content security check itself could not run (WeChat API error); the caller may retry. */
export const CONTENT_CHECK_UNAVAILABLE = 'CONTENT_CHECK_UNAVAILABLE';
/** A file id given by the client does not name a stored file (cloud storage, -503003). */
export const FILE_NOT_FOUND = 'FILE_NOT_FOUND';
