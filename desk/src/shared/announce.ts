/** The id of the app's one polite live region (rendered by App). */
export const ANNOUNCER_ID = 'announcer';

/** Says something to screen readers without moving focus: live updates, finished actions. */
export function announce(message: string): void {
  const region = document.getElementById(ANNOUNCER_ID);
  if (!region) return;
  // Clearing first makes a repeated message be read again.
  region.textContent = '';
  requestAnimationFrame(() => (region.textContent = message));
}
