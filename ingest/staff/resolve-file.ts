import { app } from '@azure/functions';
import * as df from 'durable-functions';
import type { AnalysisCompleted, AnalysisFailed } from '../../contracts/analysis.js';
import type { FileResolution, FileStateRecord } from '../../adapters/ingest-store/ingest-store.js';
import { fileInstanceId } from '../../contracts/ids.js';
import { ANALYSIS_COMPLETED, ANALYSIS_FAILED } from '../../contracts/job.js';
import type { IngestDeps } from '../deps.js';
import { authenticateStaff } from '../auth/authenticate-staff.js';
import { handle } from '../http/handle.js';
import { HttpError } from '../http/http-error.js';
import { parseBody } from '../http/parse-body.js';
import { readJson } from '../http/read-json.js';
import { loadStaffSubmission } from './load-staff-submission.js';
import { manualAnalysisOf, resolutionBody } from './resolution-body.js';

const FINAL = new Set<FileStateRecord['state']>(['completed', 'failed', 'timed-out']);
const closed = (detail: string) => new HttpError(409, 'analysis-closed', 'Analysis already closed', detail);

/**
 * `POST /api/staff/submissions/{id}/files/{fileId}/resolve`: an editor supplies the analysis of a file (escalated, as
 * a rule) or marks it failed. It raises the same AnalysisCompleted or AnalysisFailed event a worker raises, so the
 * orchestration continues at once; who resolved it and when is recorded on the file's state first, where the
 * orchestration's final write keeps it.
 */
export function createResolveFile(deps: Pick<IngestDeps, 'store' | 'staff' | 'now'>) {
  return handle(async (request, context) => {
    const staff = authenticateStaff(request, deps.staff);
    const { fileId = '' } = request.params;
    const record = await loadStaffSubmission(deps, request.params.id ?? '');
    if (!record.files.some((f) => f.fileId === fileId))
      throw new HttpError(404, 'file-not-found', 'File not found', `No file '${fileId}' in submission '${record.submissionId}'.`);
    const body = parseBody(resolutionBody, await readJson(request, 256 * 1024), {
      code: 'invalid-resolution',
      title: 'Invalid resolution',
    });
    const durable = df.getClient(context);
    const instanceId = fileInstanceId(record.submissionId, fileId);
    const status = await durable.getStatus(instanceId).catch(() => undefined);
    if (status?.runtimeStatus !== 'Running')
      throw closed(`The file's analysis is ${status?.runtimeStatus ?? 'not started'}; nothing is waiting for it.`);

    const resolution: FileResolution = {
      by: { id: staff.id, name: staff.name },
      at: deps.now().toISOString(),
      outcome: body.outcome,
      ...(body.outcome === 'analysed' ? { note: body.note } : { reason: body.reason }),
    };
    let earlier: FileResolution | undefined;
    const written = await deps.store.updateFileState(record.submissionId, fileId, (current) => {
      earlier = current?.resolution;
      if (earlier || (current && FINAL.has(current.state))) return undefined;
      return { ...(current ?? { fileId, state: 'queued' }), updatedAt: resolution.at, resolution };
    });
    if (!written) throw closed(earlier ? `${earlier.by.name} resolved the file at ${earlier.at}.` : "The file's analysis has ended.");
    try {
      if (body.outcome === 'analysed')
        await durable.raiseEvent(instanceId, ANALYSIS_COMPLETED, { fileId, summary: manualAnalysisOf(body) } satisfies AnalysisCompleted);
      else await durable.raiseEvent(instanceId, ANALYSIS_FAILED, { fileId, reason: body.reason } satisfies AnalysisFailed);
    } catch (error) {
      // The event never arrived: take the resolution back, so the editor (or another) can try again.
      await deps.store.updateFileState(record.submissionId, fileId, (current) =>
        current?.resolution?.at === resolution.at && current.resolution.by.id === staff.id
          ? { ...current, resolution: undefined }
          : undefined,
      );
      throw error;
    }
    return {
      status: 202,
      jsonBody: { submissionId: record.submissionId, fileId, outcome: body.outcome, resolvedBy: resolution.by, resolvedAt: resolution.at },
    };
  });
}

export function registerResolveFile(deps: Pick<IngestDeps, 'store' | 'staff' | 'now'>): void {
  app.http('staffResolveFile', {
    route: 'staff/submissions/{id}/files/{fileId}/resolve',
    methods: ['POST'],
    authLevel: 'anonymous',
    extraInputs: [df.input.durableClient()],
    handler: createResolveFile(deps),
  });
}
