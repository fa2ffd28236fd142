import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { z } from 'zod';
import type { AnalysisCompleted } from '../../contracts/analysis.js';
import { manualAnalysis } from '../../contracts/file-analysis.js';
import { fileInstanceId } from '../../contracts/ids.js';
import { ANALYSIS_COMPLETED } from '../../contracts/job.js';
import type { IngestDeps } from '../deps.js';
import { handle } from '../http/handle.js';
import { HttpError } from '../http/http-error.js';
import { readJson } from '../http/read-json.js';
import { withTopicNames } from './with-topic-names.js';
import { parseBody } from '../http/parse-body.js';

/** The file's analysis in the shape the client receives (`source: 'manual'`); what a person leaves out is empty. */
const body = z.strictObject({ summary: z.preprocess(withTopicNames, manualAnalysis) });

/**
 * `POST /api/submissions/{id}/files/{fileId}/analysis` (staff: a function key): a person supplies
 * the analysis of an escalated file. It raises the same AnalysisCompleted event a worker raises.
 */
export function createSupplyAnalysis(deps: Pick<IngestDeps, 'store'>) {
  return handle(async (request, context) => {
    const { id = '', fileId = '' } = request.params;
    const record = /^[A-Za-z0-9_-]{1,100}$/.test(id) ? await deps.store.getSubmission(id) : undefined;
    if (!record || !record.files.some((f) => f.fileId === fileId))
      throw new HttpError(404, 'file-not-found', 'File not found', `No file '${fileId}' in submission '${id}'.`);
    const { summary } = parseBody(body, await readJson(request, 1024 * 1024), { code: 'invalid-analysis', title: 'Invalid analysis' });
    const client = df.getClient(context);
    const instanceId = fileInstanceId(id, fileId);
    const status = await client.getStatus(instanceId).catch(() => undefined);
    if (status?.runtimeStatus !== 'Running') {
      throw new HttpError(
        409,
        'analysis-closed',
        'Analysis already closed',
        `The file's analysis is ${status?.runtimeStatus ?? 'not started'}; nothing is waiting for it.`,
      );
    }
    await client.raiseEvent(instanceId, ANALYSIS_COMPLETED, { fileId, summary } satisfies AnalysisCompleted);
    return { status: 202, jsonBody: { submissionId: id, fileId, accepted: true } };
  });
}

export function registerSupplyAnalysis(deps: Pick<IngestDeps, 'store'>): void {
  app.http('supplyAnalysis', {
    route: 'submissions/{id}/files/{fileId}/analysis',
    methods: ['POST'],
    authLevel: 'function',
    extraInputs: [df.input.durableClient()],
    handler: createSupplyAnalysis(deps),
  });
}
