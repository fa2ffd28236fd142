import { useEffect, useRef, useState } from 'preact/hooks';
import { apiFetch } from './api/api-fetch.js';
import { onLiveState, startLiveRows } from './api/live-rows.js';
import { onSignedOut } from './api/session.js';
import type { StaffIdentity } from './api/types.js';
import { Page } from './pages.js';
import { links } from './routing/links.js';
import { useRoute } from './routing/use-route.js';
import { ANNOUNCER_ID } from './shared/announce.js';
import { ErrorNote } from './shared/error-note.js';
import { SignedOutPage } from './signed-out-page.js';

const NAV = [
  { page: 'submissions', href: links.submissions(), label: 'Submissions' },
  { page: 'escalations', href: links.escalations(), label: 'Escalations' },
  { page: 'upload', href: links.upload(), label: 'Upload' },
  { page: 'system', href: links.system(), label: 'System' },
];

/** Pages that belong under each navigation entry. */
const SECTION: Record<string, string> = { submission: 'submissions', escalation: 'escalations' };

/** Locally there is no App Service authentication to send the browser to: the signed-out page explains the link. */
const onAzure = () => !['127.0.0.1', 'localhost', '[::1]'].includes(location.hostname);

/** The desk: who is signed in, the navigation, the live connection, and the current page. */
export function App() {
  const [me, setMe] = useState<StaffIdentity | null>(null);
  const [state, setState] = useState<'checking' | 'in' | 'out'>('checking');
  const [error, setError] = useState<Error>();
  const [live, setLive] = useState(false);
  const route = useRoute();
  const main = useRef<HTMLElement>(null);

  useEffect(
    () =>
      onSignedOut(() => {
        if (onAzure()) location.assign('/.auth/login/aad?post_login_redirect_uri=/api/desk/');
        setState('out');
      }),
    [],
  );
  useEffect(() => {
    apiFetch<StaffIdentity>('/api/staff/me').then(
      (identity) => (setMe(identity), setState('in')),
      (e: Error) => setError(e),
    );
  }, []);
  useEffect(() => (state === 'in' ? startLiveRows() : undefined), [state]);
  useEffect(() => onLiveState(setLive), []);

  // A new page moves focus to its content, as a page load would, so keyboard and screen reader users start there.
  const first = useRef(true);
  useEffect(() => {
    const title = NAV.find((n) => n.page === (SECTION[route.page] ?? route.page))?.label ?? 'Desk';
    document.title = `${title} — Newsdesk`;
    if (first.current) first.current = false;
    else main.current?.focus();
  }, [route]);

  if (state === 'out') return <SignedOutPage />;
  const section = SECTION[route.page] ?? route.page;
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => (e.preventDefault(), main.current?.focus())}>
        Skip to content
      </a>
      <header class="top">
        <span class="brand">Newsdesk</span>
        <nav aria-label="Desk">
          {NAV.map((n) => (
            <a key={n.page} href={n.href} aria-current={section === n.page ? 'page' : undefined}>
              {n.label}
            </a>
          ))}
        </nav>
        <span class={`live ${live ? 'on' : 'off'}`}>{live ? 'Live' : state === 'in' ? 'Reconnecting…' : ''}</span>
        {me && <span class="me">{me.name}</span>}
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {/* The page loads beside the sign-in check rather than after it: a 401 on either signs the desk out. */}
        {error ? <ErrorNote error={error} /> : <Page route={route} />}
      </main>
      <div id={ANNOUNCER_ID} class="visually-hidden" aria-live="polite" role="status" />
    </>
  );
}
