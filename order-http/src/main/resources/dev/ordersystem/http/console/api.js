// Calls of the admin API. The token lives in sessionStorage only (this tab, this browser session)
// and goes out as a bearer header, never in a URL.
const TOKEN_KEY = 'order-console-admin-token';

export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  signIn: (token) => sessionStorage.setItem(TOKEN_KEY, token),
  signOut: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** A refused call: the problem+json the API answered (detail, code, errors, requestId). */
export class ApiError extends Error {
  constructor(status, problem, requestId) {
    super(problem.detail || problem.title || ('HTTP ' + status));
    this.status = status;
    this.problem = problem;
    this.requestId = requestId || problem.requestId || null;
  }
}

/** Listeners told when the API refuses the token (401), so the console asks for it again. */
const signedOutListeners = [];
export function onSignedOut(listener) {
  signedOutListeners.push(listener);
}

export async function call(method, path, body, token = session.token()) {
  const headers = {Accept: 'application/json, application/problem+json'};
  if (token) headers.Authorization = 'Bearer ' + token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method, headers, cache: 'no-store', credentials: 'omit',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, {detail: 'The server did not answer (' + e.message + ').'});
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (notJson) {
    json = null;
  }
  if (!response.ok) {
    const problem = json && typeof json === 'object' ? json : {detail: text || response.statusText};
    const error = new ApiError(response.status, problem, response.headers.get('X-Request-Id'));
    if (response.status === 401 && token === session.token()) signedOutListeners.forEach((l) => l(error));
    throw error;
  }
  return json;
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body);
export const patch = (path, body) => call('PATCH', path, body);
export const del = (path) => call('DELETE', path);

/** A query string from the present values of {@code params}. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const text = q.toString();
  return text ? '?' + text : '';
}

export const enc = encodeURIComponent;
