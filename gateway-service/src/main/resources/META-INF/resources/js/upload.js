// Uploading a file to a room: POST /api/rooms/{roomId}/attachments as multipart/form-data (one part, `file`), through
// XMLHttpRequest, which reports upload progress and can be aborted (fetch can do neither). Authorised like every API
// call (js/api.js): a refused token is refreshed once and the upload tried again.

import { ApiError } from './api.js';
import { SessionEnded } from './session.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Thrown (rejected) when the upload was aborted: not an error to show. */
export class UploadAborted extends Error {
  constructor() {
    super('upload aborted');
  }
}

/**
 * Starts uploading `file` to a room. `onProgress(loaded, total)` follows the bytes sent. Returns {done, abort}: `done`
 * resolves to the attachment ({attachmentId, contentType, size, width, height, thumbnail}) or rejects with an ApiError
 * (status 0 for the network) or UploadAborted.
 */
export function uploadAttachment(session, roomId, file, onProgress) {
  let xhr = null;
  let aborted = false;

  const attempt = async () => {
    if (!UUID.test(String(roomId))) {
      throw new ApiError(404, { code: 'not_found', detail: 'no such room' });
    }
    const token = await session.accessToken();
    if (aborted) {
      throw new UploadAborted();
    }
    return new Promise((resolve, reject) => {
      xhr = new XMLHttpRequest();
      xhr.open('POST', `/api/rooms/${roomId}/attachments`);
      xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.responseType = 'text';
      xhr.upload.addEventListener('progress', (event) => {
        if (event.lengthComputable) {
          onProgress?.(event.loaded, event.total);
        }
      });
      xhr.addEventListener('load', () => resolve({ status: xhr.status, text: xhr.responseText }));
      xhr.addEventListener('error', () => reject(new ApiError(0, {})));
      xhr.addEventListener('timeout', () => reject(new ApiError(0, {})));
      xhr.addEventListener('abort', () => reject(new UploadAborted()));
      const form = new FormData();
      form.append('file', file, file.name || 'image');
      xhr.send(form);
    });
  };

  const done = (async () => {
    try {
      let answer = await attempt();
      if (answer.status === 401) {
        // The token was refused (expired early, clock skew): one refresh, one more try.
        await session.refresh();
        answer = await attempt();
        if (answer.status === 401) {
          session.end('unauthorized');
        }
      }
      const body = parse(answer.text);
      if (answer.status < 200 || answer.status >= 300) {
        throw new ApiError(answer.status, body ?? {});
      }
      if (typeof body?.attachmentId !== 'string') {
        throw new ApiError(answer.status, { code: 'internal_error', detail: 'The server did not say what it stored.' });
      }
      return body;
    } catch (error) {
      if (error instanceof SessionEnded) {
        throw new ApiError(401, { code: 'unauthorized', detail: 'Your session has ended.' });
      }
      throw error;
    }
  })();

  return {
    done,
    abort() {
      aborted = true;
      xhr?.abort();
    },
  };
}

function parse(text) {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    // not a JSON answer (a proxy's error page): the status says enough
    return null;
  }
}
