/** Where the sign-in link leaves the local editor key: for this tab only, gone when it closes. */
export const STAFF_KEY_ITEM = 'newsdesk.staffKey';

/** The part of the Web Storage API the desk uses (sessionStorage in the browser, a Map-backed one in tests). */
export type KeyStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * `#signin=<editor key>` (the `Desk:` link `npm start` prints): keeps the key and answers the hash to go to instead, so
 * the key does not stay in the address bar or the history. Any other hash: null, nothing stored.
 */
export function takeSignIn(hash: string, storage: KeyStorage): string | null {
  const match = /^#signin=(.+)$/.exec(hash);
  if (!match?.[1]) return null;
  storage.setItem(STAFF_KEY_ITEM, decodeURIComponent(match[1]));
  return '#/submissions';
}
