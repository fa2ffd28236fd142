import { STAFF_KEY_ITEM } from './staff-key.js';

type Listener = () => void;
const listeners = new Set<Listener>();

/** The editor key the sign-in link stored; none on Azure, where the App Service auth cookie goes instead. */
export function staffKey(): string | null {
  return sessionStorage.getItem(STAFF_KEY_ITEM);
}

/** Headers every staff call sends. */
export function authHeaders(): Record<string, string> {
  const key = staffKey();
  return key ? { authorization: `Bearer ${key}` } : {};
}

/** Tells the app it lost its identity (a 401), wherever the call was made. */
export function signedOut(): void {
  sessionStorage.removeItem(STAFF_KEY_ITEM);
  for (const listener of listeners) listener();
}

export function onSignedOut(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
