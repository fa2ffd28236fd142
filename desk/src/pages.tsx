import { EscalationPage } from './escalations/escalation-page.js';
import { EscalationsPage } from './escalations/escalations-page.js';
import type { Route } from './routing/parse-route.js';
import { SubmissionPage } from './submission/submission-page.js';
import { SubmissionsPage } from './submissions/submissions-page.js';
import { SystemPage } from './system/system-page.js';
import { UploadPage } from './upload/upload-page.js';

/** The page a route shows; keys make a new id a fresh page, not a reused one with stale state. */
export function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'submissions':
      return <SubmissionsPage query={route.query} />;
    case 'submission':
      return <SubmissionPage key={route.id} id={route.id} />;
    case 'escalations':
      return <EscalationsPage />;
    case 'escalation':
      return <EscalationPage key={`${route.submissionId}/${route.fileId}`} submissionId={route.submissionId} fileId={route.fileId} />;
    case 'upload':
      return <UploadPage />;
    case 'system':
      return <SystemPage />;
    case 'not-found':
      return (
        <>
          <h1>Not found</h1>
          <p>
            The desk has no page at <code>{route.hash}</code>. <a href="#/submissions">Go to Submissions</a>.
          </p>
        </>
      );
  }
}
