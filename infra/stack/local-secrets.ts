import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LocalSecrets {
  devApiKey: string;
  devWebhookSecret: string;
  mailboxApiKey: string;
  eventGridTopicKey: string;
  /** Ocp-Apim-Subscription-Key of the local classifier service. */
  classifierKey: string;
  /** The local editor's desk key: the `Desk:` sign-in link carries it. */
  editorKey: string;
  /** Signs each analysis job's token (NEWSDESK_JOB_TOKEN_KEY): the host holds it, the workers never do. */
  jobTokenKey: string;
  /** The SMTP AUTH password of the mail drop's users (the development mail senders). */
  mailDropPassword: string;
}

/**
 * The development client's key and webhook secret, the mailbox, topic, classifier and job token keys, the mail drop's password: created on
 * first start under the data folder (mode 0600), fixed by NEWSDESK_DEV_API_KEY and friends when set.
 */
export function loadLocalSecrets(dataDir: string, env: Record<string, string | undefined>): LocalSecrets {
  const file = join(dataDir, 'local-secrets.json');
  const saved = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>) : {};
  const secrets: LocalSecrets = {
    devApiKey: env.NEWSDESK_DEV_API_KEY ?? saved.devApiKey ?? `nd_${randomBytes(32).toString('base64url')}`,
    // In the Standard Webhooks form (whsec_ + base64), so its libraries verify with the secret as printed.
    devWebhookSecret: env.NEWSDESK_DEV_WEBHOOK_SECRET ?? saved.devWebhookSecret ?? `whsec_${randomBytes(32).toString('base64')}`,
    mailboxApiKey: env.NEWSDESK_MAILBOX_API_KEY ?? saved.mailboxApiKey ?? `nd_mail_${randomBytes(32).toString('base64url')}`,
    eventGridTopicKey: env.NEWSDESK_EVENTGRID_TOPIC_KEY ?? saved.eventGridTopicKey ?? randomBytes(32).toString('base64'),
    classifierKey: env.NEWSDESK_CLASSIFIER_KEY ?? saved.classifierKey ?? randomBytes(16).toString('hex'),
    editorKey: env.NEWSDESK_EDITOR_KEY ?? saved.editorKey ?? `nd_editor_${randomBytes(32).toString('base64url')}`,
    jobTokenKey: env.NEWSDESK_JOB_TOKEN_KEY ?? saved.jobTokenKey ?? randomBytes(32).toString('base64url'),
    mailDropPassword: env.NEWSDESK_MAILDROP_PASSWORD ?? saved.mailDropPassword ?? randomBytes(18).toString('base64url'),
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
