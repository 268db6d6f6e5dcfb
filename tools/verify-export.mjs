#!/usr/bin/env node
// Verifies a `socai export events --format ndjson` file on its own, with nothing but Node's built-ins:
// every event's hash, every stream's chain, the running digest and every checkpoint's Ed25519 signature.
//   node tools/verify-export.mjs export.ndjson public-key.pem    → exit 0 intact, 2 broken, 1 usage
// The formats are specified in docs/audit.md; this file is meant to be read and re-implemented.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const GENESIS = '0'.repeat(64);
const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

// Canonical JSON: keys sorted by UTF-16 code units, no whitespace, scalars as JSON.stringify prints them.
function canon(value) {
  if (Array.isArray(value)) return '[' + value.map(canon).join(',') + ']';
  if (value !== null && typeof value === 'object') {
    return '{' + Object.keys(value).sort().map((key) => JSON.stringify(key) + ':' + canon(value[key])).join(',') + '}';
  }
  return JSON.stringify(value);
}

function eventHash({ streamId, revision, eventId, type, data, metadata }) {
  const { hash, ...rest } = metadata;
  return sha256(canon({ streamId, revision, eventId, type, data, metadata: rest }));
}

const [file, keyFile] = process.argv.slice(2);
if (!file || !keyFile) {
  console.error('usage: node tools/verify-export.mjs EXPORT.ndjson PUBLIC-KEY.pem');
  process.exit(1);
}
let publicKey;
try {
  publicKey = createPublicKey(readFileSync(keyFile, 'utf8'));
} catch (error) {
  console.error(`cannot read the public key ${keyFile}: ${error.message}`);
  process.exit(1);
}

function broken(position, streamId, reason) {
  console.log(`BROKEN at position ${position}${streamId ? ` (stream ${streamId})` : ''}: ${reason}`);
  process.exit(2);
}

const streams = new Map(); // streamId → { revision, hash } of its last event seen
let partial; // an export that starts after position 1 trusts each stream's first prevHash and the first checkpoint's digest
let digest; // running digest; unknown in a partial export until a checkpoint supplies it
let lastPosition;
let events = 0;
let checkpoints = 0;
let lineNo = 0;

for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
  lineNo++;
  if (line.trim() === '') continue;
  let entry;
  try {
    entry = JSON.parse(line);
  } catch {
    broken(lastPosition, undefined, `line ${lineNo} is not JSON`);
  }
  if (entry.kind === 'event') {
    const { position, streamId, revision, metadata } = entry;
    if (lastPosition === undefined) {
      partial = position !== 1;
      digest = partial ? undefined : GENESIS;
    } else if (position !== lastPosition + 1) broken(lastPosition + 1, undefined, `the event at position ${lastPosition + 1} is missing`);
    if (eventHash(entry) !== metadata.hash) broken(position, streamId, 'the content does not match its hash');
    const previous = streams.get(streamId);
    if (previous) {
      if (revision !== previous.revision + 1) broken(position, streamId, `revision ${revision} where ${previous.revision + 1} was expected`);
      if (metadata.prevHash !== previous.hash) broken(position, streamId, 'prevHash is not the hash of the previous event of the stream');
    } else if (!partial || revision === 0) {
      if (revision !== 0) broken(position, streamId, `the stream starts at revision ${revision}, not 0`);
      if (metadata.prevHash !== GENESIS) broken(position, streamId, 'the first event of the stream does not link to GENESIS');
    }
    streams.set(streamId, { revision, hash: metadata.hash });
    if (digest !== undefined) digest = sha256(digest + metadata.hash);
    lastPosition = position;
    events++;
  } else if (entry.kind === 'checkpoint') {
    const { position, signedAt, signature } = entry;
    const payload = Buffer.from(canon({ position, digest: entry.digest, signedAt }), 'utf8');
    if (!verify(null, payload, publicKey, Buffer.from(String(signature), 'base64'))) broken(position, undefined, 'the checkpoint signature does not verify');
    if (position !== lastPosition) broken(position, undefined, `the checkpoint at ${position} does not follow its event (last event ${lastPosition})`);
    if (digest !== undefined && digest !== entry.digest) broken(position, undefined, 'the running digest differs from the signed checkpoint');
    digest = entry.digest;
    checkpoints++;
  } else {
    broken(lastPosition, undefined, `line ${lineNo} has an unknown kind ${JSON.stringify(entry.kind)}`);
  }
}
console.log(`intact: ${events} events, ${checkpoints} signed checkpoints${partial ? ' (partial export: chains checked from its first event)' : ''}`);
