import { apiErrorOf } from '../api/api-fetch.js';

/**
 * Sends a body with XMLHttpRequest, the one browser API that reports upload progress (fetch does not), and resolves
 * with the answer's text. A non-2xx answer rejects with its problem details when it is JSON.
 */
export function xhrSend(
  method: string,
  url: string,
  body: XMLHttpRequestBodyInit,
  { headers = {}, onProgress }: { headers?: Record<string, string>; onProgress?: (loaded: number) => void },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    if (onProgress) xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve(xhr.responseText);
      const type = xhr.getResponseHeader('content-type') ?? 'text/plain';
      void apiErrorOf(new Response(xhr.responseText || null, { status: xhr.status, headers: { 'content-type': type } })).then(reject);
    };
    xhr.onerror = () => reject(new Error(`The upload to ${new URL(url, location.href).host} failed: no answer.`));
    xhr.send(body);
  });
}
