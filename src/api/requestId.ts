/** An id for one intended creation (`requestId`): a retried or doubled request creates one thing. */
export function newRequestId(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}
