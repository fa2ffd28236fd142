import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { azureDir, loadTemplates, readRepoFile, repoSources } from '../../test/support/templates.js';

// API Management in front of the ingest API, and the mailbox Logic App that calls it.
const { main, modules } = loadTemplates();
const apim = modules.get('modules/apim.bicep')!;
const logicApp = modules.get('modules/logicapp.bicep')!;

interface Route {
  name: string;
  route: string;
  methods: string[];
  authLevel: string;
  file: string;
}

/** Every `app.http('name', { route, methods, authLevel })` registration under ingest/. */
function httpRoutes(): Route[] {
  const routes: Route[] = [];
  for (const path of repoSources('ingest')) {
    const text = readRepoFile(path);
    for (const m of text.matchAll(/app\.http\('(\w+)',\s*\{/g)) {
      const options = text.slice(m.index, text.indexOf('handler', m.index));
      routes.push({
        name: m[1]!,
        route: /route: '([^']*)'/.exec(options)![1]!,
        methods: [...(/methods: \[([^\]]*)\]/.exec(options)?.[1] ?? '').matchAll(/'(\w+)'/g)].map((x) => x[1]!),
        authLevel: /authLevel: '(\w+)'/.exec(options)![1]!,
        file: path,
      });
    }
  }
  return routes;
}

/** The client administration (ingest/admin): operators call the function app with the admin key, not through the clients' gateway. */
const isAdmin = (r: Route) => r.route.startsWith('manage/');
/** The desk and its staff API: reached on the function app's own origin, behind App Service authentication, not the clients' gateway. */
const isStaff = (r: Route) => r.route.startsWith('staff/') || r.route.startsWith('desk/');
/** The workers' job events: raised on the function app's own host with a job token (docs/security.md), not through the gateway. */
const isWorker = (r: Route) => r.route.startsWith('jobs/');

const operations = [...apim.text.matchAll(/\{ name: '(\w+)', method: '(\w+)', urlTemplate: '([^']+)', statusUrl: (true|false) \}/g)].map(
  (m) => ({
    name: m[1]!,
    method: m[2]!,
    urlTemplate: m[3]!,
    statusUrl: m[4] === 'true',
  }),
);

/** Open and close tags balance (comments and self-closing tags aside): enough to catch a broken policy file. */
function tagProblems(xml: string): string[] {
  const stack: string[] = [];
  const problems: string[] = [];
  for (const m of xml.replace(/<!--[^]*?-->/g, '').matchAll(/<(\/?)([\w-]+)[^>]*?(\/?)>/g)) {
    if (m[3]) continue;
    if (!m[1]) stack.push(m[2]!);
    else if (stack.pop() !== m[2]) problems.push(`unexpected </${m[2]}>`);
  }
  return [...problems, ...stack.map((t) => `unclosed <${t}>`)];
}

describe('API Management', () => {
  it('exposes every keyed route the app registers, and nothing else', () => {
    const keyed = httpRoutes().filter(
      (r) => r.authLevel === 'anonymous' && r.name !== 'health' && !isAdmin(r) && !isStaff(r) && !isWorker(r),
    );
    const expected = keyed.flatMap((r) => r.methods.map((method) => ({ name: r.name, method, urlTemplate: `/${r.route}` })));
    expect(
      operations.map(({ name, method, urlTemplate }) => ({ name, method, urlTemplate })).sort((a, b) => a.name.localeCompare(b.name)),
    ).toEqual(expected.sort((a, b) => a.name.localeCompare(b.name)));
  });

  it("leaves out the health check, the client administration, the desk and its staff API, and the workers' job events", () => {
    const left = httpRoutes().filter((r) => !operations.some((o) => o.name === r.name) && !isAdmin(r) && !isStaff(r) && !isWorker(r));
    expect(left.map((r) => `${r.name}:${r.authLevel}`).sort()).toEqual(['health:anonymous']);
    expect(httpRoutes().filter(isAdmin).length).toBeGreaterThan(0);
    expect(httpRoutes().filter(isStaff).length).toBeGreaterThan(0);
    expect(
      httpRoutes()
        .filter(isWorker)
        .map((r) => `${r.name}:${r.authLevel}`),
    ).toEqual(['raiseJobEvent:anonymous']);
  });

  it('registers no route the Functions host keeps for itself (it refuses any starting with admin or runtime)', () => {
    expect(httpRoutes().filter((r) => /^(admin|runtime)/i.test(r.route))).toEqual([]);
  });

  it('rewrites the status URL exactly on the operations that answer with one', () => {
    const routes = httpRoutes();
    for (const op of operations) {
      const file = routes.find((r) => r.name === op.name)!.file;
      expect(readRepoFile(file).includes('statusUrl'), `${op.name} (${file})`).toBe(op.statusUrl);
    }
  });

  it('checks the subscription key in x-api-key, the header the app and the Logic App use', () => {
    expect(apim.text).toContain("subscriptionKeyParameterNames: { header: 'x-api-key'");
    expect(apim.text).toMatch(/subscriptionRequired: true[^]*subscriptionRequired: true/);
    expect(readRepoFile('ingest/auth/authenticate.ts')).toContain("request.headers.get('x-api-key')");
    expect(readRepoFile('infra/azure/logicapp/workflow.json')).toContain('"x-api-key": "@parameters(\'mailboxApiKey\')"');
  });

  it('limits each subscription with rate-limit-by-key and quota-by-key, in a tier that has them', () => {
    const policy = readFileSync(`${azureDir}apim/product-policy.xml`, 'utf8');
    expect(policy).toMatch(/<rate-limit-by-key [^>]*counter-key="@\(context\.Subscription\.Id\)"/);
    expect(policy).toMatch(/<quota-by-key [^>]*counter-key="@\(context\.Subscription\.Id\)"/);
    // Neither policy exists in the Consumption tier; quota-by-key not in the v2 tiers either.
    for (const file of [main, apim]) expect(file.text).toContain("@allowed(['Developer', 'Basic', 'Standard', 'Premium'])");
  });

  it.each(['api-policy.xml', 'product-policy.xml', 'status-url-policy.xml'])(
    '%s is balanced and every placeholder in it is filled',
    (name) => {
      const xml = readFileSync(`${azureDir}apim/${name}`, 'utf8');
      expect(tagProblems(xml)).toEqual([]);
      expect(apim.text).toContain(`loadTextContent('../apim/${name}')`);
      for (const [placeholder] of xml.matchAll(/__[A-Z_]+__/g)) expect(apim.text).toContain(`'${placeholder}'`);
    },
  );

  it('cannot be bypassed: the function app lets in only its addresses, Event Grid, the workers and the operators', () => {
    const access = modules.get('modules/functionapp-access.bicep')!;
    expect(access.text).toContain("ipSecurityRestrictionsDefaultAction: 'Deny'");
    expect(access.text).toMatch(/for \(ip, i\) in apimIpAddresses: \{ name: 'apim-\$\{i\}', action: 'Allow'[^}]*ipAddress: '\$\{ip\}\/32'/);
    expect(access.text).toContain("ipAddress: 'AzureEventGrid', tag: 'ServiceTag'");
    expect(access.text).toContain('vnetSubnetResourceId: workersSubnetId');
    expect(apim.text).toContain('output publicIpAddresses array = service.properties.publicIPAddresses');
    const args = main.modules.find((m) => m.symbol === 'functionAppAccess')!.args;
    expect(args.apimIpAddresses).toBe('apim.outputs.publicIpAddresses');
    // The workers' subnet carries the Microsoft.Web service endpoint the rule needs.
    expect(modules.get('modules/network.bicep')!.text).toContain("serviceEndpoints: [{ service: 'Microsoft.Web' }]");
  });

  it('needs no host key, so nothing reads one at provisioning (no listKeys on the function host, no second pass)', () => {
    expect(apim.text).not.toMatch(/x-functions-key|hostKey/);
    for (const file of [main, ...modules.values()]) expect(file.text).not.toMatch(/\/host\/default|functionKeys/);
    expect(main.params.map((p) => p.name)).not.toContain('appDeployed');
  });
});

describe('the mailbox Logic App', () => {
  it('deploys workflow.json as it is, with each of its parameters set', () => {
    const workflow = JSON.parse(readRepoFile('infra/azure/logicapp/workflow.json')) as { parameters: Record<string, unknown> };
    expect(logicApp.text).toContain("definition: loadJsonContent('../logicapp/workflow.json')");
    const start = logicApp.text.indexOf('    parameters: {');
    const set = [...logicApp.text.slice(start).matchAll(/^ {6}'?(\$?\w+)'?: \{/gm)].map((m) => m[1]);
    expect(set.sort()).toEqual(Object.keys(workflow.parameters).sort());
  });

  it("posts to the gateway's POST /submissions/email with the Office 365 connection as a parameter", () => {
    const email = operations.find((o) => o.name === 'postEmail')!;
    expect(main.modules.find((m) => m.symbol === 'logicApp')!.args.ingestEmailUrl).toBe(`'\${apim.outputs.apiUrl}${email.urlTemplate}'`);
    expect(logicApp.params.map((p) => p.name)).toContain('office365ConnectionId');
    expect(logicApp.text).toContain("subscriptionResourceId('Microsoft.Web/locations/managedApis', location, 'office365')");
  });
});
