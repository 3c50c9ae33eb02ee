/** h5: the Screen Wake Lock API where the browser has it (released by the browser when hidden); nothing otherwise. */
export async function keepScreenOn(): Promise<void> {
  const nav = navigator as Navigator & { wakeLock?: { request: (type: 'screen') => Promise<unknown> } };
  await nav.wakeLock?.request('screen').catch(() => undefined);
}
