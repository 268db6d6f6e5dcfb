// The page's only way to the ledger: GET /api/... with `Authorization: Bearer <key>`. The key lives
// in sessionStorage only (gone when the tab closes) and is never put in a URL or in localStorage.

const KEY_SLOT = 'socai.apiKey';

export function storedKey() {
  return sessionStorage.getItem(KEY_SLOT);
}

export function storeKey(key) {
  sessionStorage.setItem(KEY_SLOT, key);
}

export function forgetKey() {
  sessionStorage.removeItem(KEY_SLOT);
}

/** A refused request, with the status and the contract's `{code, message}` when the body has them. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.code;
  }

  /** 403 because of the key's areas (as opposed to its role). */
  get isAreaRefusal() {
    return this.status === 403 && /area/i.test(this.message) && !/role/i.test(this.message);
  }
}

function urlOf(path, params) {
  const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== undefined && value !== ''));
  return query.size > 0 ? `${path}?${query}` : path;
}

async function jsonOf(response) {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/** GET a JSON answer with the stored key; throws ApiError for any status but 2xx. */
export async function getJson(path, params = {}) {
  const response = await fetch(urlOf(path, params), { headers: { authorization: `Bearer ${storedKey() ?? ''}`, accept: 'application/json' } });
  const body = await jsonOf(response);
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

/** How long the browser keeps a downloaded file's object URL: it must outlive the download's start. */
const OBJECT_URL_LIFETIME_MS = 60_000;

/**
 * GETs an export (CSV, XLSX) with the stored key and hands it to the browser as a download under the
 * name the server gives. A plain link cannot carry the key, and the key must never go in a URL.
 */
export async function downloadFile(path, params = {}) {
  const response = await fetch(urlOf(path, params), { headers: { authorization: `Bearer ${storedKey() ?? ''}` } });
  if (!response.ok) throw new ApiError(response.status, await jsonOf(response));
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'export';
  const href = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), OBJECT_URL_LIFETIME_MS);
}
