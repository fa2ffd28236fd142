import { Readable } from 'node:stream';
import { app, type HttpResponseInit } from '@azure/functions';
import { inboundEmail } from '../../contracts/email.js';
import { incomingBlobOf } from '../../contracts/ids.js';
import type { SubmittedFile } from '../../contracts/submission.js';
import type { IngestDeps } from '../deps.js';
import { handle } from '../http/handle.js';
import { HttpError } from '../http/http-error.js';
import { readJson } from '../http/read-json.js';
import { toProblemResponse } from '../http/to-problem-response.js';
import { checkFilename } from '../media/check-filename.js';
import { sniffHeadBytes, sniffMedia } from '../../lib/media/sniff-media.js';
import { createHash } from 'node:crypto';
import { sameHash, hashApiKey } from '../security/api-key.js';
import { acceptSubmission } from '../submissions/accept-submission.js';
import { validateFields } from '../submissions/submission-fields.js';
import { receiving } from '../submissions/receiving.js';
import { parseBody } from '../http/parse-body.js';
import { checkSender } from './check-sender.js';

const MAX_EMAIL_JSON = 70 * 1024 * 1024;

/** The address inside `Name <address>`. */
const addressOf = (from: string): string => (/<([^>]+)>/.exec(from)?.[1] ?? from).trim().toLowerCase();

/**
 * `POST /api/submissions/email`: the JSON the Logic App (or the local mail drop) sends per mail.
 * The sender counts only when authenticated (checkSender); it maps to a client, whose default webhook receives the result; only media attachments count; the
 * Message-ID makes a resend answer the first result. A mail that cannot become a submission is answered and
 * recorded, except one from a deleted client's sender: 410, nothing kept.
 */
export function createPostEmail(deps: IngestDeps) {
  return handle(
    receiving('email', async (request) => {
      const key = request.headers.get('x-api-key');
      if (!deps.mailboxApiKey || !key || !sameHash(hashApiKey(key), hashApiKey(deps.mailboxApiKey))) {
        throw new HttpError(401, 'invalid-api-key', 'Invalid API key', 'The mailbox key is required.');
      }
      const mail = parseBody(inboundEmail, await readJson(request, MAX_EMAIL_JSON), {
        code: 'invalid-email',
        title: 'Invalid e-mail payload',
      });
      const receivedAt = deps.now().toISOString();
      const from = addressOf(mail.from);
      // Before any lookup or record: an unproven sender learns nothing and claims no Message-ID.
      checkSender(from, mail);
      const record = async (
        outcome: 'accepted' | 'no-media' | 'unknown-sender',
        response: HttpResponseInit,
        extra: { clientId?: string; submissionId?: string } = {},
      ) => {
        const first = await deps.store.claimEmail({
          internetMessageId: mail.internetMessageId,
          from,
          outcome,
          receivedAt,
          status: response.status ?? 200,
          body: response.jsonBody,
          ...extra,
        });
        return first
          ? {
              status: first.status,
              headers: { 'idempotent-replayed': 'true', ...(first.status >= 400 ? { 'content-type': 'application/problem+json' } : {}) },
              jsonBody: first.body,
            }
          : response;
      };
      const clientId = await deps.store.clientIdBySender(from);
      const found = clientId ? await deps.store.getClient(clientId) : undefined;
      // A sender row the client no longer lists (its removal did not finish) does not count.
      const client = found && (!found.mailSenders || found.mailSenders.includes(from)) ? found : undefined;
      // Refused, not recorded (as a malformed mail is): the mail drop bounces it for good and the mailbox keeps nothing.
      if (client?.deletedAt)
        throw new HttpError(410, 'client-deleted', 'Client deleted', `'${from}' is a sender of a client that has been deleted.`);
      if (!client) {
        return record(
          'unknown-sender',
          toProblemResponse(new HttpError(403, 'unknown-sender', 'Unknown sender', `'${from}' is not an allowed sender.`)),
        );
      }
      const submissionId = `s${createHash('sha256').update(mail.internetMessageId).digest('hex').slice(0, 31)}`;
      const media = mail.attachments
        .map((a) => ({ ...a, bytes: Buffer.from(a.contentBytes, 'base64') }))
        .map((a) => ({ ...a, type: checkFilename(a.name) ? undefined : sniffMedia(a.bytes.subarray(0, sniffHeadBytes)) }))
        .filter((a) => a.type && a.bytes.length > 0 && a.bytes.length <= deps.limits.maxFileBytes);
      if (media.length === 0) {
        const detail = `The mail has ${mail.attachments.length} attachment(s) and none is a photo or video Newsdesk accepts.`;
        return record('no-media', toProblemResponse(new HttpError(422, 'no-media-attachments', 'No media attachments', detail)), {
          clientId: client.clientId,
        });
      }
      // As for a multipart submission; refused whole (the mail drop answers 552 with this detail), never cut short.
      if (media.length > deps.limits.maxFiles) {
        const detail = `The mail has ${media.length} photos and videos; a submission holds at most ${deps.limits.maxFiles}. Send them in several mails.`;
        throw new HttpError(413, 'too-many-files', 'Too many files', detail);
      }
      const total = media.reduce((sum, a) => sum + a.bytes.length, 0);
      if (total > deps.limits.maxTotalBytes) {
        const detail = `The mail's photos and videos hold ${total} bytes; a submission holds at most ${deps.limits.maxTotalBytes}. Send them in several mails.`;
        throw new HttpError(413, 'payload-too-large', 'Payload too large', detail);
      }
      const existing = await deps.store.getSubmission(submissionId);
      if (existing)
        return record('accepted', {
          status: 202,
          jsonBody: { submissionId, statusUrl: `${new URL(request.url).origin}/api/submissions/${submissionId}`, files: [] },
        });
      const written: string[] = [];
      try {
        const files: SubmittedFile[] = [];
        for (const [i, a] of media.entries()) {
          const fileId = `f${i + 1}`;
          const blob = incomingBlobOf(submissionId, fileId);
          written.push(blob);
          await deps.blobs.upload(blob, Readable.from([a.bytes]), { metadata: { submissionId, fileId } });
          files.push({
            fileId,
            name: a.name,
            size: a.bytes.length,
            contentType: a.type!,
            sha256: createHash('sha256').update(a.bytes).digest('hex'),
            blob,
          });
        }
        const fields = await validateFields({ reference: mail.subject.slice(0, 200) || undefined }, deps, client.defaultWebhookUrl);
        const accepted = await acceptSubmission(
          deps,
          {
            submissionId,
            client,
            files,
            channel: 'email',
            ...fields,
            metadata: { email: { from, subject: mail.subject, internetMessageId: mail.internetMessageId } },
          },
          new URL(request.url).origin,
        );
        return record('accepted', { status: 202, jsonBody: accepted }, { clientId: client.clientId, submissionId });
      } catch (error) {
        await Promise.all(written.map((b) => deps.blobs.delete(b).catch(() => false)));
        throw error;
      }
    }),
  );
}

export function registerPostEmail(deps: IngestDeps): void {
  app.http('postEmail', { route: 'submissions/email', methods: ['POST'], authLevel: 'anonymous', handler: createPostEmail(deps) });
}
