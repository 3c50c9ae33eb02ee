/**
 * Development-only pieces for the h5 build. Import them as
 * `process.env.TARO_ENV === 'h5' && dev && <dev.IdentitySwitcher />` so the weapp bundle drops them.
 */
export const dev =
  process.env.TARO_ENV === 'h5'
    ? // eslint-disable-next-line @typescript-eslint/no-var-requires, @typescript-eslint/no-require-imports
      (require('./IdentitySwitcher') as typeof import('./IdentitySwitcher'))
    : null;
