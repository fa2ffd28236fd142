import { HttpError } from '../http/http-error.js';

/** The answer for a client id that does not exist or was deleted: the two are told apart to no one. */
export const unknownClient = (clientId: string): HttpError =>
  new HttpError(404, 'unknown-client', 'Unknown client', `There is no client '${clientId.slice(0, 100)}'.`);
