/**
 * The scene of a community's report code (小程序码 `wxacode.getUnlimited`).
 *
 * Format: `c=<communityId>` — e.g. `c=comm-1`. WeChat allows at most 32 visible characters from
 * `0-9A-Za-z!#$&'()*+,/:;=?@-._~`; we use a stricter subset (ids are slugs of `A-Za-z0-9_-`),
 * so the id may be at most 30 characters. The prefix leaves room for other kinds of codes later
 * (e.g. sign-in codes use their own prefix). Parsing is as strict as building: anything else is
 * rejected, so a forged or truncated scene never reaches a database query.
 */
export const SCENE_MAX = 32;
export const SCENE_ALPHABET = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]*$/;
const ID = /^[A-Za-z0-9_-]{1,30}$/;
const COMMUNITY_SCENE = /^c=([A-Za-z0-9_-]{1,30})$/;

export type Scene = { kind: 'community'; communityId: string };

export function isSceneId(id: string): boolean {
  return ID.test(id);
}

export function buildCommunityScene(communityId: string): string {
  if (!ID.test(communityId)) throw new Error(`community id not usable in a scene: ${communityId}`);
  const scene = `c=${communityId}`;
  // both checks hold by construction; kept so a future format change cannot silently break WeChat's rule
  if (scene.length > SCENE_MAX || !SCENE_ALPHABET.test(scene)) throw new Error('scene too long');
  return scene;
}

/**
 * Reads a scene as it arrives: on weapp `options.scene` is URL-encoded (`c%3Dcomm-1`), on h5 the
 * query may hold it plain. Decodes at most twice (some scanners double-encode). Returns null if it
 * is not a valid community scene.
 */
export function parseScene(raw: unknown): Scene | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 200) return null;
  let s = raw.trim();
  for (let i = 0; i < 2 && /%[0-9A-Fa-f]{2}/.test(s); i++) {
    try {
      s = decodeURIComponent(s);
    } catch {
      return null;
    }
  }
  if (s.length > SCENE_MAX || !SCENE_ALPHABET.test(s)) return null;
  const m = COMMUNITY_SCENE.exec(s);
  return m ? { kind: 'community', communityId: m[1] } : null;
}

/** The page a report code opens (no query allowed in `page` for getUnlimited). */
export const REPORT_PAGE = 'pages/report/index';

/** h5 / shareable link equivalent of the code. */
export function reportLink(communityId: string): string {
  return `/${REPORT_PAGE}?scene=${encodeURIComponent(buildCommunityScene(communityId))}`;
}

/** The report code's scene from a pasted 报到链接 (…?scene=…) or the bare code; null when it is neither. */
export function sceneFromLink(text: string): string | null {
  const t = text.trim();
  const m = /[?&]scene=([^&#\s]+)/.exec(t);
  const raw = m ? m[1] : t;
  return raw && parseScene(raw) ? raw : null;
}
