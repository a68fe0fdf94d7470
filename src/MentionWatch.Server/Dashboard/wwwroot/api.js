// The session and the API: requests go with the HttpOnly cookie; changes also send the CSRF token.
let session = null;
export const getSession = () => session;
export const roleAtLeast = role => session && ['viewer', 'analyst', 'admin'].indexOf(session.role) >= ['viewer', 'analyst', 'admin'].indexOf(role);

export class ApiError extends Error {
  constructor(status, problem) { super(problem?.detail || problem?.title || `HTTP ${status}`); this.status = status; this.problem = problem || {}; }
}

async function send(method, url, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && session) headers['X-CSRF-Token'] = session.csrfToken;
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

export const get = url => send('GET', url);
export const post = (url, body) => send('POST', url, body);
export const put = (url, body) => send('PUT', url, body);

export async function restore() { try { session = await get('/auth/session'); } catch { session = null; } return session; }
export async function signIn(apiKey) { session = await post('/auth/session', { apiKey }); return session; }
export async function signOut() { try { await send('DELETE', '/auth/session'); } finally { session = null; } }

/** Every watch, by name. */
export async function watchesOf() { const d = await get('/api/v1/watches'); return Array.isArray(d) ? d : d.items ?? d.watches ?? []; }

const streams = new Set();
/** An EventSource that closes when the user leaves the screen (see closeStreams). */
export function openStream(url) { const source = new EventSource(url); streams.add(source); return source; }
export function closeStreams() { for (const source of streams) source.close(); streams.clear(); }
