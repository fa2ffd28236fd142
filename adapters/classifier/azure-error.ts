import { azureErrorBody } from '../../contracts/classification.js';

/**
 * Code and message of an Azure AI services error answer. Image Analysis puts the specific code in `innererror`
 * (`{ code: 'InvalidRequest', innererror: { code: 'InvalidImageFormat' } }`): that one says what was wrong, so it wins.
 * A body that is not Azure's shape (a proxy's HTML page) still gives a code, from `x-ms-error-code` or the status.
 */
export function readAzureError(status: number, body: string, headers: Headers): { code: string; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  const parsed = azureErrorBody.safeParse(json);
  if (parsed.success) {
    const { code, message, innererror } = parsed.data.error;
    const inner = typeof innererror === 'object' && innererror !== null ? (innererror as { code?: unknown }) : {};
    return { code: typeof inner.code === 'string' && inner.code ? inner.code : code, message };
  }
  const snippet = body.replace(/\s+/g, ' ').trim().slice(0, 200);
  return { code: headers.get('x-ms-error-code') ?? String(status), message: snippet || `HTTP ${status}` };
}
