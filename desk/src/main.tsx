import { render } from 'preact';
import { takeSignIn } from './api/staff-key.js';
import { App } from './app.js';
import './styles.css';

// The sign-in link's key goes to session storage before anything renders, and out of the address bar and history.
const next = takeSignIn(location.hash, sessionStorage);
if (next) history.replaceState(null, '', next);

render(<App />, document.getElementById('app')!);
