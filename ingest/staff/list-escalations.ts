import { app } from '@azure/functions';
import type { ClientRecord, EscalationRecord } from '../../adapters/ingest-store/ingest-store.js';
import { mediaKindOf, type MediaKind } from '../../contracts/media.js';
import type { IngestDeps } from '../deps.js';
import { authenticateStaff } from '../auth/authenticate-staff.js';
import { handle } from '../http/handle.js';
import { staffFileAssets, type StaffFileAssets } from './staff-file-assets.js';

/** One file in the desk's escalation queue. */
export interface EscalationRow {
  submissionId: string;
  fileId: string;
  clientId: string;
  clientName: string;
  name: string;
  mediaType: MediaKind;
  reference: string | null;
  escalatedAt: string;
  /** When the grace period ends and the file times out (escalatedAt + the grace period). */
  deadline: string;
  assets: StaffFileAssets;
}

/**
 * `GET /api/staff/escalations`: the files escalated and still within their grace period, oldest first. The index
 * (written as a file escalates, cleared as its analysis ends) is checked against each file's state, so a file an
 * editor has just resolved, or one whose submission was cancelled, is not offered again.
 */
export function createListEscalations(deps: Pick<IngestDeps, 'store' | 'blobs' | 'staff' | 'now'>) {
  return handle(async (request) => {
    authenticateStaff(request, deps.staff);
    const now = deps.now().getTime();
    const clients = new Map<string, Promise<ClientRecord | undefined>>();
    const waiting = (await deps.store.listEscalations()).filter((e) => Date.parse(e.deadline) > now);
    const rows = await Promise.all(
      waiting.map(async (e: EscalationRecord): Promise<EscalationRow | undefined> => {
        const [record, states] = await Promise.all([deps.store.getSubmission(e.submissionId), deps.store.fileStates(e.submissionId)]);
        const file = record?.files.find((f) => f.fileId === e.fileId);
        const state = states[e.fileId];
        if (!record || !file || record.status === 'cancelled' || state?.state !== 'escalated' || state.resolution) return undefined;
        if (!clients.has(record.clientId)) clients.set(record.clientId, deps.store.getClient(record.clientId));
        const client = await clients.get(record.clientId);
        return {
          submissionId: e.submissionId,
          fileId: e.fileId,
          clientId: record.clientId,
          clientName: client?.name ?? record.clientId,
          name: file.name,
          mediaType: mediaKindOf(file.contentType),
          reference: record.reference ?? null,
          escalatedAt: e.escalatedAt,
          deadline: e.deadline,
          assets: await staffFileAssets(deps, e.submissionId, file),
        };
      }),
    );
    return { status: 200, jsonBody: { escalations: rows.filter((r) => r !== undefined) } };
  });
}

export function registerListEscalations(deps: Pick<IngestDeps, 'store' | 'blobs' | 'staff' | 'now'>): void {
  app.http('staffListEscalations', {
    route: 'staff/escalations',
    methods: ['GET'],
    authLevel: 'anonymous',
    handler: createListEscalations(deps),
  });
}
