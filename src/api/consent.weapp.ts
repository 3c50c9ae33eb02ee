import Taro from '@tarojs/taro';
import type { Flow } from '@core/domain/notify';
import { api } from './client';

/**
 * Asks consent for the subscribe messages of one natural tap (sign-up, claim, submit report,
 * submit pledge): ≤ 3 templates per request (the configured set for the flow), each accepted one
 * recorded as one message allowed. Must run directly from the tap. Never asks twice in one flow:
 * the caller passes a `flowId` (e.g. the task id) and a second tap in it goes straight through.
 * A refusal or an unconfigured deployment is no error: the inbox still tells the member.
 */
const asked = new Set<string>();
let flowsCache: Promise<Record<Flow, string[]>> | null = null;

/**
 * Loads the templates ahead (call when the page opens): WeChat accepts the consent request only
 * close to the tap, so the tap must not wait for a network call first.
 */
export function warmConsent(): void {
  flowsCache ??= api.member.subscribeTemplates().then((t) => t.flows);
  flowsCache.catch(() => { flowsCache = null; });
}

export async function askConsent(flow: Flow, flowId: string): Promise<number> {
  const key = `${flow}:${flowId}`;
  if (asked.has(key)) return 0;
  asked.add(key);
  try {
    flowsCache ??= api.member.subscribeTemplates().then((t) => t.flows);
    const tmplIds = (await flowsCache)[flow].slice(0, 3);
    if (!tmplIds.length) return 0;
    const res = (await Taro.requestSubscribeMessage({ tmplIds } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>;
    const accepted = tmplIds.filter((id) => res[id] === 'accept');
    if (accepted.length) await api.member.recordSubscribe({ accepted });
    return accepted.length;
  } catch {
    flowsCache = null;
    return 0;
  }
}
