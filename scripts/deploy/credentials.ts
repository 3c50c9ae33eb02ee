/**
 * Credentials come from environment variables only: nothing secret is a file in the repository.
 * Light on purpose: `--plan` imports this, never the deploy libraries.
 */
import path from 'node:path';

export interface Credentials {
  envId: string;
  appid: string;
  privateKeyPath: string;
  secretId: string;
  secretKey: string;
  region?: string;
}

/** Names of the environment variables that carry the credentials (never files in the repository). */
export const CREDENTIAL_VARS = {
  appid: 'WX_APPID',
  privateKeyPath: 'WX_UPLOAD_KEY_PATH',
  secretId: 'TCB_SECRET_ID',
  secretKey: 'TCB_SECRET_KEY',
  region: 'TCB_REGION',
} as const;

export function credentialsFrom(env: Record<string, string | undefined>, envId: string): Credentials {
  const missing = (['appid', 'privateKeyPath', 'secretId', 'secretKey'] as const).filter((k) => !env[CREDENTIAL_VARS[k]]);
  if (missing.length) {
    throw new Error(`missing credentials: set ${missing.map((k) => CREDENTIAL_VARS[k]).join(', ')} (see docs/DEPLOY.md)`);
  }
  return {
    envId,
    appid: env[CREDENTIAL_VARS.appid]!,
    privateKeyPath: path.resolve(env[CREDENTIAL_VARS.privateKeyPath]!),
    secretId: env[CREDENTIAL_VARS.secretId]!,
    secretKey: env[CREDENTIAL_VARS.secretKey]!,
    region: env[CREDENTIAL_VARS.region] || undefined,
  };
}

export const hasCredentials = (env: Record<string, string | undefined>) =>
  (['appid', 'privateKeyPath', 'secretId', 'secretKey'] as const).every((k) => !!env[CREDENTIAL_VARS[k]]);
