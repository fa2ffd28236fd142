/**
 * The function app's own secrets: the host's keys, the job token key, the client, mailbox, topic and editor keys.
 * A worker container on Azure gets none of them (infra/azure/modules/workers.bicep), so the local workers and the classifier
 * service do not either, even where the shell that ran `npm start` set one.
 */
const APP_SECRETS = [
  'NEWSDESK_HOST_MASTER_KEY',
  'NEWSDESK_ADMIN_KEY',
  'NEWSDESK_JOB_TOKEN_KEY',
  'NEWSDESK_JOB_TOKEN_KEY_PREVIOUS',
  'NEWSDESK_DEV_API_KEY',
  'NEWSDESK_DEV_WEBHOOK_SECRET',
  'NEWSDESK_MAILBOX_API_KEY',
  'NEWSDESK_EVENTGRID_KEY',
  'NEWSDESK_EVENTGRID_TOPIC_KEY',
  'NEWSDESK_EDITOR_KEY',
  'NEWSDESK_EDITOR_KEYS',
] as const;

/** An environment less the app's secrets: what the local workers and classifier start with. */
export function withoutAppSecrets(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  for (const name of APP_SECRETS) delete out[name];
  return out;
}
