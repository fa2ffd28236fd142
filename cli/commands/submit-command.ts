import { InvalidArgumentError, Option, type Command } from 'commander';
import { FINAL_STATUSES, type SubmissionView } from '../http/submission-view.js';
import { printView } from '../print-view.js';
import { followSubmission } from '../submit/follow-submission.js';
import { readFiles } from '../submit/read-files.js';
import { submitFiles } from '../submit/submit-files.js';
import { parseByteSize } from '../upload/byte-size.js';
import { ResumeRecords } from '../upload/resume-records.js';
import { sizeSetting } from '../upload/size-setting.js';
import { submitBySession } from '../upload/submit-by-session.js';
import { stateDir } from '../settings/state-dir.js';
import { example, type CommandContext } from './command-context.js';
import { uploadMethod } from '../../contracts/upload-method.js';

const MiB = 1024 ** 2;

interface SubmitOptions {
  webhook?: string;
  reference?: string;
  priority?: string;
  metadata?: string;
  wait?: boolean;
  json?: boolean;
  uploadThreshold?: number;
  blockSize?: number;
}

/** `--metadata` is checked here, so a typo fails before any upload: a JSON object, as the API takes it. */
function jsonObject(value: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new InvalidArgumentError('Not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InvalidArgumentError('Not a JSON object.');
  return value;
}

export function registerSubmit(program: Command, ctx: CommandContext): void {
  program
    .command('submit')
    .description('send photos and videos for analysis; with --wait, follow them until the submission ends')
    .argument('<files...>', 'photos and videos to send')
    .option('--webhook <url>', "where the signed summary goes (default: the client's default webhook)")
    .option('--reference <reference>', 'your reference, carried into the summary')
    .addOption(new Option('--priority <priority>', 'queue priority').choices(['urgent', 'normal']))
    .option('--metadata <json>', 'a JSON object carried into the summary', jsonObject)
    .option('--wait', 'follow the analysis until it ends: exit 0 when completed, 2 when partial or failed')
    .option('--json', 'print the submission as JSON, and nothing else on stdout')
    .option(
      '--upload-threshold <size>',
      'files over this size go through a resumable upload session (default: NEWSDESK_UPLOAD_THRESHOLD or 32M)',
      parseByteSize,
    )
    .option('--block-size <size>', 'block size of an upload session (default: NEWSDESK_BLOCK_SIZE or 8M)', parseByteSize)
    .addHelpText(
      'after',
      example(
        'newsdesk submit photo.jpg clip.mp4 --reference story-42 --wait',
        'newsdesk submit photo.jpg --wait --json > result.json',
        'newsdesk submit match-2gb.mp4 --wait    # Ctrl-C, then the same command resumes the upload',
      ),
    )
    .action(async (paths: string[], options: SubmitOptions, command: Command) => {
      const api = await ctx.api(command);
      const files = await readFiles(paths);
      const fields: Record<string, string> = {};
      if (options.webhook !== undefined) fields.webhookUrl = options.webhook;
      if (options.reference !== undefined) fields.reference = options.reference;
      if (options.priority !== undefined) fields.priority = options.priority;
      if (options.metadata !== undefined) fields.metadata = options.metadata;
      const threshold = sizeSetting(options.uploadThreshold, ctx.io.env, 'NEWSDESK_UPLOAD_THRESHOLD', 32 * MiB);
      const accepted =
        uploadMethod(
          files.map((f) => f.size),
          threshold,
        ) === 'session'
          ? await submitBySession(
              api,
              ctx.io,
              new ResumeRecords(stateDir(ctx.io.env, ctx.io.home)),
              {
                ...fields,
                ...(options.metadata === undefined ? {} : { metadata: JSON.parse(options.metadata) as Record<string, unknown> }),
              },
              files,
              sizeSetting(options.blockSize, ctx.io.env, 'NEWSDESK_BLOCK_SIZE', 8 * MiB),
            )
          : await submitFiles(api, ctx.io, fields, files);
      ctx.io.err(`Submitted ${accepted.submissionId}: ${accepted.statusUrl}\n`);
      if (options.wait) {
        const seen = new Map<string, string>();
        for await (const view of followSubmission(api, accepted.submissionId)) {
          for (const file of view.files) {
            if (seen.get(file.fileId) === file.state) continue;
            seen.set(file.fileId, file.state);
            ctx.io.err(`  ${file.name}: ${file.state}\n`);
          }
        }
      }
      const view = await api.json<SubmissionView>('GET', `/submissions/${encodeURIComponent(accepted.submissionId)}`);
      ctx.io.out(options.json ? `${JSON.stringify(view, null, 2)}\n` : printView(view));
      if (options.wait) ctx.exit(view.status === 'completed' ? 0 : FINAL_STATUSES.has(view.status) ? 2 : 1);
    });
}
