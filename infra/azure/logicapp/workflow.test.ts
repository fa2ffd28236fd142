import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inboundEmail } from '../../../contracts/email.js';

interface Action {
  type: string;
  runAfter?: Record<string, string[]>;
  inputs: Record<string, unknown> & { body?: Record<string, string>; headers?: Record<string, string>; where?: string; from?: string };
  runtimeConfiguration?: { secureData?: { properties: string[] } };
}
interface Workflow {
  $schema: string;
  parameters: Record<string, { type: string }>;
  triggers: Record<string, { type: string; splitOn?: string; inputs: Record<string, Record<string, unknown>> }>;
  actions: Record<string, Action>;
}

const workflow = JSON.parse(readFileSync(new URL('./workflow.json', import.meta.url), 'utf8')) as Workflow;
const TRIGGER = 'When_a_new_email_arrives_(V3)';
const select = Object.entries(workflow.actions).find(([, a]) => a.type === 'Select');
const http = Object.entries(workflow.actions).find(([, a]) => a.type === 'Http');
const graph = Object.entries(workflow.actions).find(([, a]) => a.type === 'ApiConnection');
/** The Query action that keeps the headers named `name`. */
const headerFilter = (name: string) =>
  Object.entries(workflow.actions).find(([, a]) => a.type === 'Query' && a.inputs.where === `@equals(toLower(item()?['name']), '${name}')`);

describe('mailbox Logic App workflow', () => {
  it('is a workflow definition with the connection, the ingest URL and a secure API key as parameters', () => {
    expect(workflow.$schema).toMatch(/Microsoft\.Logic\/schemas\/2016-06-01\/workflowdefinition\.json#$/);
    expect(workflow.parameters).toEqual({
      $connections: expect.objectContaining({ type: 'Object' }),
      ingestEmailUrl: expect.objectContaining({ type: 'String' }),
      mailboxApiKey: expect.objectContaining({ type: 'SecureString' }),
    });
    expect(workflow.parameters.mailboxApiKey).not.toHaveProperty('defaultValue');
  });

  it('fires on every new Inbox mail through the Office 365 V3 trigger, attachments included, one run per mail', () => {
    expect(Object.keys(workflow.triggers)).toEqual([TRIGGER]);
    const trigger = workflow.triggers[TRIGGER]!;
    expect(trigger.type).toBe('ApiConnectionNotification');
    expect(trigger.splitOn).toBe("@triggerBody()?['value']");
    expect(trigger.inputs.host).toEqual({ connection: { name: "@parameters('$connections')['office365']['connectionId']" } });
    expect(trigger.inputs.fetch).toMatchObject({
      pathTemplate: { template: '/v3/Mail/OnNewEmail' },
      method: 'get',
      queries: { folderPath: 'Inbox', fetchOnlyWithAttachment: false, includeAttachments: true },
    });
    expect(trigger.inputs.subscribe).toMatchObject({ method: 'post', queries: { folderPath: 'Inbox', fetchOnlyWithAttachment: false } });
  });

  it('selects exactly name, contentType and contentBytes of each attachment', () => {
    expect(select).toBeDefined();
    const [, action] = select!;
    expect(action.inputs.from).toContain("triggerBody()?['attachments']");
    expect(action.inputs.select).toEqual({
      name: "@item()?['name']",
      contentType: "@item()?['contentType']",
      contentBytes: "@item()?['contentBytes']",
    });
  });

  it('POSTs to the ingestEmailUrl parameter with the key header, after the Select, keeping the key out of run history', () => {
    expect(http).toBeDefined();
    const [, action] = http!;
    expect(action.runAfter).toEqual({
      [select![0]]: ['Succeeded'],
      [headerFilter('authentication-results')![0]]: ['Succeeded'],
      [headerFilter('return-path')![0]]: ['Succeeded'],
    });
    expect(action.inputs.method).toBe('POST');
    expect(action.inputs.uri).toBe("@parameters('ingestEmailUrl')");
    expect(action.inputs.headers).toEqual({ 'content-type': 'application/json', 'x-api-key': "@parameters('mailboxApiKey')" });
    expect(action.runtimeConfiguration?.secureData?.properties).toContain('inputs');
  });

  it('posts a body with exactly the keys of the inboundEmail contract, each from its trigger field', () => {
    const body = http![1].inputs.body!;
    expect(Object.keys(body).sort()).toEqual(Object.keys(inboundEmail.shape).sort());
    const source: Record<string, string> = {
      from: "triggerBody()?['from']",
      to: "triggerBody()?['toRecipients']",
      subject: "triggerBody()?['subject']",
      receivedDateTime: "triggerBody()?['receivedDateTime']",
      internetMessageId: "triggerBody()?['internetMessageId']",
      attachments: `body('${select![0]}')`,
      // The topmost header: the one Exchange Online wrote when it received the mail (one a sender wrote comes below).
      authenticationResults: `first(body('${headerFilter('authentication-results')![0]}'))?['value']`,
      envelopeFrom: `first(body('${headerFilter('return-path')![0]}'))?['value']`,
    };
    for (const [key, expression] of Object.entries(body)) {
      expect(expression.startsWith('@')).toBe(true);
      expect(expression).toContain(source[key]);
    }
  });

  it("reads the mail's internet headers through the Office 365 connection (Graph), for the authentication results and the envelope sender", () => {
    expect(graph).toBeDefined();
    const [name, action] = graph!;
    expect(action.inputs.host).toEqual({ connection: { name: "@parameters('$connections')['office365']['connectionId']" } });
    expect(action.inputs).toMatchObject({ method: 'post', path: '/codeless/httprequest' });
    expect(action.inputs.body).toMatchObject({
      Method: 'GET',
      Uri: "https://graph.microsoft.com/v1.0/me/messages/@{encodeUriComponent(triggerBody()?['id'])}?$select=internetMessageHeaders",
    });
    for (const header of ['authentication-results', 'return-path']) {
      const [, filter] = headerFilter(header)!;
      expect(filter.runAfter).toEqual({ [name]: ['Succeeded'] });
      expect(filter.inputs.from).toBe(`@coalesce(body('${name}')?['internetMessageHeaders'], json('[]'))`);
    }
  });
});
