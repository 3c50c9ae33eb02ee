/** The settings form's own checks: the same bounds as `redeem.setSettings` (core/contracts/redeem.ts), in Chinese. */
export interface SettingsForm { ratio: string; validYears: number; materialOff: boolean }
export type SettingsErrors = Partial<Record<keyof SettingsForm, string>>;

export function checkSettings(f: SettingsForm): SettingsErrors {
  const e: SettingsErrors = {};
  const r = f.ratio.trim();
  if (!/^\d+(\.\d{1,2})?$/.test(r)) e.ratio = '请填写兑换比例（如 1 或 0.5，最多两位小数）';
  else if (Number(r) > 10) e.ratio = '兑换比例须在 0 到 10 之间';
  if (!Number.isInteger(f.validYears) || f.validYears < 0 || f.validYears > 5) e.validYears = '有效期须为 0 到 5 年';
  return e;
}
