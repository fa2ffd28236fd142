import { render } from 'preact';
import { takeSignIn } from './api/staff-key.js';
import { App } from './app.js';
import './styles.css';

// The sign-in link's key goes to session storage before anything renders, and out of the address bar and history.
const next = takeSignIn(location.hash, sessionStorage);
if (next) history.replaceState(null, '', next);
// A sign-in link opened in a tab that already shows the desk changes only the hash: start over with the new key.
window.addEventListener('hashchange', () => {
  const after = takeSignIn(location.hash, sessionStorage);
  if (!after) return;
  history.replaceState(null, '', after);
  location.reload();
});

render(<App />, document.getElementById('app')!);
