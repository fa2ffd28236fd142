import type { ServerResponse } from 'node:http';

/** ARM's error body: `{ error: { code, message } }` (the SDK turns it into a RestError with `code` and `statusCode`). */
export interface ArmErrorBody {
  code: string;
  message: string;
}

export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}), ...headers });
  res.end(text);
}

export function sendArmError(res: ServerResponse, error: ArmError, headers: Record<string, string> = {}): void {
  sendJson(res, error.status, { error: { code: error.code, message: error.message } satisfies ArmErrorBody }, headers);
}
