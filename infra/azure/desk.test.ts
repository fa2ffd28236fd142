import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { STAFF_ROLE } from '../../ingest/auth/staff-identity.js';
import { varObjectEntries } from '../../test/support/bicep-text.js';
import { loadTemplates, readRepoFile } from '../../test/support/templates.js';

// The desk on Azure: App Service authentication (Entra ID) on the function app, and Blob Storage CORS for its origin.
const { main, modules } = loadTemplates();
const functionApp = modules.get('modules/functionapp.bicep')!;
const storage = modules.get('modules/storage.bicep')!;

describe('the desk on Azure', () => {
  it('puts App Service authentication with Entra ID in front of the app, letting anonymous requests (client keys) through', () => {
    const auth = /resource auth 'Microsoft\.Web\/sites\/config@[^']+' = if \(!empty\(staffAuthClientId\)\) \{([^]*?)\n\}/.exec(
      functionApp.text,
    )?.[1];
    expect(auth).toBeDefined();
    expect(auth).toContain("name: 'authsettingsV2'");
    expect(auth).toContain("globalValidation: { requireAuthentication: false, unauthenticatedClientAction: 'AllowAnonymous' }");
    expect(auth).toMatch(/azureActiveDirectory: \{\s+enabled: true/);
    expect(auth).toContain("openIdIssuer: '${environment().authentication.loginEndpoint}${staffAuthTenantId}/v2.0'");
    expect(auth).toContain('tokenStore: { enabled: true }');
  });

  it('tells the app to trust the signed-in principal only where that authentication is on', () => {
    expect(varObjectEntries(functionApp, 'easyAuthSettings')).toEqual([['NEWSDESK_EASY_AUTH', "'true'"]]);
    expect(functionApp.text).toContain('empty(staffAuthClientId) ? {} : easyAuthSettings');
    expect(loadConfig({ ...minimal, NEWSDESK_EASY_AUTH: 'true' }).staff.easyAuth).toBe(true);
    expect(loadConfig(minimal).staff.easyAuth).toBe(false);
    expect(main.text).toContain("param staffAuthClientId string = ''");
    expect(readRepoFile('infra/azure/main.parameters.json')).toContain(
      '"staffAuthClientId": { "value": "${NEWSDESK_STAFF_AUTH_CLIENT_ID=}" }',
    );
  });

  it('lets the function app’s origin PUT blocks and read blobs in Blob Storage from the browser', () => {
    expect(storage.text).toContain('allowedOrigins: corsOrigins');
    expect(storage.text).toContain("allowedMethods: ['PUT', 'GET', 'HEAD', 'OPTIONS']");
    expect(storage.text).toContain("allowedHeaders: ['x-ms-*', 'content-type']");
    expect(main.text).toContain("corsOrigins: ['https://${names.functionApp}.azurewebsites.net']");
  });

  it('is set up as docs/deploy.md says: the app registration, its staff role and the sign-in URL', () => {
    const doc = readRepoFile('docs/deploy.md');
    for (const text of [
      STAFF_ROLE,
      'NEWSDESK_STAFF_AUTH_CLIENT_ID',
      '/.auth/login/aad?post_login_redirect_uri=/api/desk/',
      'authsettingsV2',
    ])
      expect(doc).toContain(text);
  });
});

const minimal = {
  AzureWebJobsStorage: 'UseDevelopmentStorage=true',
  NEWSDESK_EVENTGRID_ENDPOINT: 'https://topic.example.net/api/events',
  NEWSDESK_JOB_TOKEN_KEY: 'job-token-key-for-config-tests-0123456789',
};
