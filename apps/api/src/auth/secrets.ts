import { createHash, randomBytes } from 'node:crypto';

/**
 * Bearer secrets: 32 random bytes, prefixed by kind so a leaked string says what it is
 * (`oms_` a browser session, `omt_` an API token). Only their SHA-256 is stored.
 */
export type SecretKind = 'oms' | 'omt';

export function newSecret(kind: SecretKind): string {
  return `${kind}_${randomBytes(32).toString('base64url')}`;
}

export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function kindOf(secret: string): SecretKind | null {
  return secret.startsWith('oms_') ? 'oms' : secret.startsWith('omt_') ? 'omt' : null;
}
