/** What to do when the desk has no staff identity: the local sign-in link, or Microsoft Entra ID on Azure. */
export function SignedOutPage() {
  return (
    <main id="main" class="signed-out">
      <h1>Sign in to the desk</h1>
      <p>The desk shows every client's submissions, so it needs a newsroom staff identity.</p>
      <h2>On this machine</h2>
      <p>
        Open the link that <code>npm start</code> prints on its line beginning <code>Desk:</code>. It ends in <code>#signin=</code> and the
        local editor key, and signs this browser tab in.
      </p>
      <h2>On Azure</h2>
      <p>
        <a href="/.auth/login/aad?post_login_redirect_uri=/api/desk/">Sign in with your Microsoft work account</a>. Your account needs the{' '}
        <code>Newsdesk.Staff</code> role.
      </p>
    </main>
  );
}
