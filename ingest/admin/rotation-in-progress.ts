import { HttpError } from '../http/http-error.js';

/**
 * Rotating again while an overlap runs is refused rather than cutting the older key or secret off early: a client
 * that has not switched yet would lose access without warning. The answer says when a rotation is possible again.
 */
export const rotationInProgress = (what: string, overlapEndsAt: string): HttpError =>
  new HttpError(
    409,
    'rotation-in-progress',
    'Rotation in progress',
    `The previous ${what} is valid until ${overlapEndsAt}; rotate again after that.`,
    { overlapEndsAt },
  );
