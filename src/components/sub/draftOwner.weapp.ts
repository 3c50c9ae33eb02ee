/** A mini-program's storage belongs to one WeChat user already: no owner in the key. */
export function draftOwner(): string {
  return '';
}
