// The REST API (/api) as the app uses it. Errors come back as ApiError with the contract's problem fields.

import { SessionEnded } from './session.js';

export class ApiError extends Error {
  constructor(status, problem = {}) {
    super(problem.detail || problem.title || `request failed (${status})`);
    this.status = status;
    this.code = problem.code ?? (status === 0 ? 'network' : `http_${status}`);
    this.detail = problem.detail ?? '';
    /** Field name to message, for validation_failed. */
    this.fields = Object.fromEntries((problem.errors ?? []).map((e) => [e.field, e.message]));
  }

  /** A sentence for the person in front of the screen. */
  get friendly() {
    switch (this.code) {
      case 'network':
        return 'Cannot reach the server. Check your connection and try again.';
      case 'service_unavailable':
      case 'overloaded':
        return 'The service is busy right now. Please try again in a moment.';
      case 'rate_limited':
        return 'Too many attempts. Please wait a little and try again.';
      case 'internal_error':
        return 'Something went wrong on our side. Please try again.';
      default:
        return this.detail || this.message;
    }
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Tries of one image read that the gateway sheds as overloaded, a second, then two, apart. */
const ATTACHMENT_READ_ATTEMPTS = 3;

/** Room ids go into paths; anything that is not a UUID never does. */
function roomPath(roomId) {
  if (!UUID.test(String(roomId))) {
    throw new ApiError(404, { code: 'not_found', detail: 'no such room' });
  }
  return `/api/rooms/${roomId}`;
}

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export class Api {
  constructor(session) {
    this.session = session;
  }

  /** `as: 'blob'` gives the body as a Blob (an image), with `accept` as its Accept header; else JSON. */
  async request(method, path, { body, auth = true, accept = 'application/json', as = 'json' } = {}) {
    const send = async () => {
      const headers = { Accept: accept };
      if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
      }
      if (auth) {
        headers.Authorization = `Bearer ${await this.session.accessToken()}`;
      }
      try {
        return await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      } catch {
        throw new ApiError(0, {});
      }
    };
    let response = await send();
    if (response.status === 401 && auth) {
      // The access token was refused (expired early, clock skew): one refresh, one retry.
      try {
        await this.session.refresh();
      } catch (error) {
        throw error instanceof SessionEnded ? new ApiError(401, { code: 'unauthorized', detail: 'Your session has ended.' }) : new ApiError(0, {});
      }
      response = await send();
      if (response.status === 401) {
        this.session.end('unauthorized');
      }
    }
    if (!response.ok) {
      let problem = {};
      try {
        problem = await response.json();
      } catch {
        // not a problem document (a proxy's error page): the status says enough
      }
      throw new ApiError(response.status, problem);
    }
    if (as === 'blob') {
      return { status: response.status, body: await response.blob() };
    }
    const text = response.status === 204 ? '' : await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  async #json(method, path, options) {
    return (await this.request(method, path, options)).body;
  }

  // Accounts

  register(username, email, password) {
    return this.#json('POST', '/api/auth/register', { auth: false, body: { username, email, password } });
  }

  login(username, password) {
    return this.#json('POST', '/api/auth/login', { auth: false, body: { username, password } });
  }

  logout() {
    return this.#json('POST', '/api/auth/logout');
  }

  me() {
    return this.#json('GET', '/api/users/me');
  }

  users({ query: text, online, limit } = {}) {
    return this.#json('GET', `/api/users${query({ query: text, online, limit })}`);
  }

  // Rooms

  rooms(scope = 'mine') {
    return this.#json('GET', `/api/rooms${query({ scope })}`);
  }

  room(roomId) {
    return this.#json('GET', roomPath(roomId));
  }

  createRoom({ name, topic, visibility, password }) {
    return this.#json('POST', '/api/rooms', { body: { name, topic: topic || undefined, visibility, password: password || undefined } });
  }

  /** Resolves to {status: "member"} or {status: "pending"}. */
  join(roomId, password) {
    return this.#json('POST', `${roomPath(roomId)}/join`, { body: password ? { password } : {} });
  }

  leave(roomId) {
    return this.#json('POST', `${roomPath(roomId)}/leave`);
  }

  deleteRoom(roomId) {
    return this.#json('DELETE', roomPath(roomId));
  }

  /** The author's new text for a message; resolves to the edited message. */
  editMessage(roomId, seq, text) {
    return this.#json('PATCH', `${roomPath(roomId)}/messages/${seq}`, { body: { text } });
  }

  /** Deletes a message (its author, or the room's owner). */
  deleteMessage(roomId, seq) {
    return this.#json('DELETE', `${roomPath(roomId)}/messages/${seq}`);
  }

  /** Adds one's reaction to a message: {roomId, seq, emoji, on: true, count}. */
  addReaction(roomId, seq, emoji) {
    return this.#json('POST', `${roomPath(roomId)}/messages/${seq}/reactions`, { body: { emoji } });
  }

  /** Takes one's reaction back: {roomId, seq, emoji, on: false, count}. */
  removeReaction(roomId, seq, emoji) {
    return this.#json('DELETE', `${roomPath(roomId)}/messages/${seq}/reactions/${encodeURIComponent(emoji)}`);
  }

  /** The owner changes a room's settings ({topic?, retention?, systemLines?}); resolves to the Room. */
  updateRoom(roomId, patch) {
    return this.#json('PATCH', roomPath(roomId), { body: patch });
  }

  /** Messages of the caller's rooms matching `q`, best first: {messages, hasMore}. */
  search(q, { roomId, limit, offset } = {}) {
    if (roomId !== undefined && roomId !== null) {
      roomPath(roomId);
    }
    return this.#json('GET', `/api/search${query({ q, roomId, limit, offset })}`);
  }

  members(roomId) {
    return this.#json('GET', `${roomPath(roomId)}/members`);
  }

  joinRequests(roomId) {
    return this.#json('GET', `${roomPath(roomId)}/join-requests`);
  }

  decideJoinRequest(roomId, userId, approve) {
    if (!UUID.test(String(userId))) {
      throw new ApiError(404, { code: 'not_found', detail: 'no such user' });
    }
    return this.#json('POST', `${roomPath(roomId)}/join-requests/${userId}/${approve ? 'approve' : 'reject'}`);
  }

  /** One page of history, ascending by seq: {messages, hasMore, evictedBefore?}. */
  history(roomId, { beforeSeq, afterSeq, limit = 50 } = {}) {
    return this.#json('GET', `${roomPath(roomId)}/messages${query({ beforeSeq, afterSeq, limit })}`);
  }

  markRead(roomId, seq) {
    return this.#json('POST', `${roomPath(roomId)}/read`, { body: { seq } });
  }

  openDirect(userId) {
    return this.#json('POST', '/api/dms', { body: { userId } });
  }

  // Attachments

  /**
   * An attachment's image (`variant` 'original') or its thumbnail, as a Blob: fetched with the token, as an <img src>
   * could not carry it. The browser's HTTP cache revalidates it each time (no-cache, ETag): a member who left loses it.
   */
  async attachment(attachmentId, variant = 'original') {
    if (!UUID.test(String(attachmentId))) {
      throw new ApiError(404, { code: 'not_found', detail: 'no such attachment' });
    }
    const path = `/api/attachments/${attachmentId}${variant === 'thumbnail' ? '/thumbnail' : ''}`;
    // A gateway reading many full-size images at once sheds one more (503 overloaded): a read is safe to repeat.
    for (let attempt = 1; ; attempt += 1) {
      try {
        return (await this.request('GET', path, { accept: 'image/*, application/problem+json;q=0.5', as: 'blob' })).body;
      } catch (error) {
        if (!(error instanceof ApiError) || error.code !== 'overloaded' || attempt >= ATTACHMENT_READ_ATTEMPTS) {
          throw error;
        }
        await new Promise((resolve) => { setTimeout(resolve, attempt * 1000); });
      }
    }
  }

  // Sketch canvas

  /** The canvas as it looked at `atSeq` (default: now): {roomId, seq, strokes}, the visible strokes in order. */
  sketch(roomId, atSeq) {
    return this.#json('GET', `${roomPath(roomId)}/sketch${query({ atSeq })}`);
  }

  /** The canvas as SVG (a Blob), at `atSeq` or now; fetched with the token, as a plain link could not carry it. */
  async sketchSvg(roomId, atSeq) {
    return (await this.request('GET', `${roomPath(roomId)}/sketch.svg${query({ atSeq })}`, { accept: 'image/svg+xml', as: 'blob' })).body;
  }
}
