/**
 * Request limits the platform enforces before a function runs, checked on the raw text so nothing
 * recurses over hostile input (a 5,000-deep array used to overflow the stack in `child.send`).
 *
 * - Body: CloudBase documents 100 KB for a text request body to a function; WeChat answers larger
 *   `callFunction` data with "data exceed max size".
 * - Depth: 100 levels of arrays/objects — MongoDB's nesting limit, which the cloud database inherits,
 *   so no legitimate request is deeper. (Local choice of number; the platform documents none.)
 */
export const MAX_REQUEST_BYTES = 100 * 1024;
export const MAX_JSON_DEPTH = 100;

/** True when `text` (JSON) nests arrays/objects deeper than `max`. One pass, no recursion. */
export function jsonTooDeep(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > max) return true;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return false;
}

/** Depth of an already-parsed value, iteratively (for events that never were text). */
export function valueTooDeep(value: unknown, max = MAX_JSON_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (d + 1 > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v as object)) if (child && typeof child === 'object') stack.push([child, d + 1]);
  }
  return false;
}
