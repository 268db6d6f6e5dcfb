import { hash, randomBytes } from 'node:crypto';
import type { Role } from './roles.js';

/** An API key as stored and listed: never the clear key, which is shown once when created. */
export interface ApiKey {
  id: string;
  name: string;
  role: Role;
  /** Province, district or commune codes, or `['*']` for every area. */
  areas: string[];
  createdAt: string;
  revokedAt: string | null;
}

/** The answer to a creation: the stored key plus its clear text, to hand to its holder this once. */
export interface CreatedKey extends ApiKey {
  key: string;
}

export const KEY_PREFIX = 'sk_';
const KEY_BYTES = 32;

/** 32 random bytes, base64url, prefixed `sk_` so a leaked key is recognisable in logs and repositories. */
export function generateClearKey(): string {
  return KEY_PREFIX + randomBytes(KEY_BYTES).toString('base64url');
}

/**
 * Keys are stored as SHA-256 of the clear key. A key is 256 random bits, so a fast hash is enough:
 * there is nothing to guess that a slow password hash would protect. Every request hashes its key, so
 * the one-shot `hash` (UTF-8 in, hex out, as before) rather than a Hash object built for each.
 */
export function hashKey(clearKey: string): string {
  return hash('sha256', clearKey, 'hex');
}

export function newKeyId(): string {
  return 'key_' + randomBytes(8).toString('hex');
}
