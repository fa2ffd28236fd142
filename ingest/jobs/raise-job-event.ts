import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { analysisCompleted, analysisFailed } from '../../contracts/analysis.js';
import { ANALYSIS_COMPLETED, JOB_TOKEN_HEADER } from '../../contracts/job.js';
import { verifyJobToken } from '../../lib/job-token/verify-job-token.js';
import { handle } from '../http/handle.js';
import { HttpError } from '../http/http-error.js';
import { parseBody } from '../http/parse-body.js';
import { readJson } from '../http/read-json.js';
import { instanceWaiting } from './instance-waiting.js';

export interface JobEventDeps {
  /** NEWSDESK_JOB_TOKEN_KEY, then the key it replaced while that one is still honoured. */
  jobTokenKeys: readonly string[];
  now(): Date;
}

/** An analysis event is small (the full result is a blob): a keyframe hash list of 1,000 is about 30 KB. */
const MAX_EVENT_BYTES = 1024 * 1024;

// One answer for every refusal: a caller learns nothing about which check failed. The reason goes to the log.
const refused = () =>
  new HttpError(403, 'job-token-refused', 'Job token refused', 'The token does not allow this event on this job, or no longer does.');

/**
 * `POST /api/jobs/{jobId}/events/{name}` (header `newsdesk-job-token`): a worker raises AnalysisCompleted or
 * AnalysisFailed on its job's instance. The token is the whole authorization: signed by the enqueue activity under a
 * key only the app holds, for one job, one instance, these events, until the job's deadline and grace period end.
 * A forged, expired or altered token, another job's token, an event it does not allow, or an instance that no longer
 * waits (the job closed) gets 403, before the body is read and without touching the instance. The same event raised
 * twice on a waiting instance is harmless: the orchestration takes the first and ignores the rest.
 */
export function createRaiseJobEvent(deps: JobEventDeps) {
  return handle(async (request, context) => {
    const { jobId = '', name = '' } = request.params;
    const verdict = verifyJobToken(deps.jobTokenKeys, request.headers.get(JOB_TOKEN_HEADER) ?? '', deps.now());
    if (!verdict.ok) {
      context.warn(`job event refused for job ${JSON.stringify(jobId)}: ${verdict.refusal} token`);
      throw refused();
    }
    const { claims } = verdict;
    if (claims.jobId !== jobId || !claims.events.includes(name)) {
      context.warn(
        `job event refused: a token of job ${claims.jobId} presented for ${JSON.stringify(name)} on job ${JSON.stringify(jobId)}`,
      );
      throw refused();
    }
    const schema = name === ANALYSIS_COMPLETED ? analysisCompleted : analysisFailed;
    const payload = parseBody(schema, await readJson(request, MAX_EVENT_BYTES), { code: 'invalid-job-event', title: 'Invalid job event' });
    const durable = df.getClient(context);
    if (!(await instanceWaiting(durable, claims.instanceId))) {
      context.warn(`job event refused: instance ${claims.instanceId} of job ${jobId} no longer waits`);
      throw refused();
    }
    // Should the instance finish between the two calls, the Durable API answers 410 and the client returns: no change.
    await durable.raiseEvent(claims.instanceId, name, payload);
    return { status: 202 };
  });
}

export function registerRaiseJobEvent(deps: JobEventDeps): void {
  app.http('raiseJobEvent', {
    // The enqueue activity's callback URL (orchestrator/activities/enqueue-analysis.ts) names this route.
    route: 'jobs/{jobId}/events/{name}',
    methods: ['POST'],
    // The token is the authorization: a worker holds no function key.
    authLevel: 'anonymous',
    extraInputs: [df.input.durableClient()],
    handler: createRaiseJobEvent(deps),
  });
}
