import Taro from '@tarojs/taro';
import type { Flow } from '@core/domain/notify';
import { getDevOpenid } from '../dev/identity';
import { api } from './client';

/**
 * h5 (local demo) stand-in for `wx.requestSubscribeMessage`: the same ≤ 3 templates of the flow,
 * asked once per flow with a dialog like WeChat's; 允许 records the consent in the local open-API
 * emulation (`/__emulator/subscribe`, what WeChat would hold) and in our count. Same signature as
 * consent.weapp.ts.
 */
const asked = new Set<string>();

/** What the member is asked to be told, per tap (WeChat shows the templates' titles instead). */
const WHAT: Record<Flow, string> = {
  signup: '任务提醒、任务变更',
  claim: '心愿认领进展、到期提醒',
  report: '报到审核结果',
  pledge: '承诺审核结果、践诺提醒、评诺结果',
};

/** Nothing to load ahead on h5 (the stand-in dialog is ours). */
export function warmConsent(): void {}

export async function askConsent(flow: Flow, flowId: string): Promise<number> {
  const key = `${flow}:${flowId}`;
  if (asked.has(key)) return 0;
  asked.add(key);
  try {
    const tmplIds = (await api.member.subscribeTemplates()).flows[flow].slice(0, 3);
    if (!tmplIds.length) return 0;
    const { confirm } = await Taro.showModal({ title: '接收通知', content: `是否允许发送${WHAT[flow]}等服务通知？（每次允许可收到一条）`, confirmText: '允许', cancelText: '拒绝' });
    if (!confirm) return 0;
    await fetch('/__emulator/subscribe', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: getDevOpenid(), templateIds: tmplIds }) });
    await api.member.recordSubscribe({ accepted: tmplIds });
    return tmplIds.length;
  } catch {
    return 0;
  }
}
