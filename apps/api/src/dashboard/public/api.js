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

/** GET a JSON answer with the stored key; throws ApiError for any status but 2xx. */
export async function getJson(path, params = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== undefined && value !== ''));
  const url = query.size > 0 ? `${path}?${query}` : path;
  const response = await fetch(url, { headers: { authorization: `Bearer ${storedKey() ?? ''}`, accept: 'application/json' } });
  let body;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}
