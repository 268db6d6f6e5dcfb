import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI PEM of the public key, what `socai keys export-public` prints. */
  publicKeyPem: string;
}

/**
 * The node's Ed25519 checkpoint key (PKCS#8 PEM). Created on first use with mode 0600: whoever can
 * read it can sign checkpoints, so an auditor pins the PUBLIC key instead of trusting the data dir.
 */
export function loadOrCreateSigningKey(file: string): SigningKey {
  try {
    return fromPrivatePem(readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(file), { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  try {
    // `wx` fails if another process created the key meanwhile; theirs is then the one to use.
    writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return fromPrivatePem(readFileSync(file, 'utf8'));
  }
  return fromPrivatePem(pem);
}

/** The signing key if its file exists, else undefined (verification never creates a key). */
export function readSigningKey(file: string): SigningKey | undefined {
  try {
    return fromPrivatePem(readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** A public key from a PEM file (SPKI, or a private key PEM, whose public half is taken). */
export function readPublicKey(file: string): KeyObject {
  const pem = readFileSync(file, 'utf8');
  const key = pem.includes('PRIVATE KEY') ? createPublicKey(createPrivateKey(pem)) : createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is a ${key.asymmetricKeyType} key, not Ed25519`);
  return key;
}

function fromPrivatePem(pem: string): SigningKey {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`the signing key is ${privateKey.asymmetricKeyType}, not Ed25519`);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string };
}
