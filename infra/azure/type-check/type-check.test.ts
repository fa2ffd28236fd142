import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resourceBodies } from '../../../test/support/bicep-resource-bodies.js';
import { typeCheck } from '../../../test/support/bicep-type-check.js';
import { loadResourceTypes } from '../../../test/support/bicep-types.js';
import { allTemplates, azureDir } from '../../../test/support/templates.js';

// The templates against Azure's published resource types (types/, README.md here), as the Bicep compiler checks them.
const types = loadResourceTypes();
const storage = readFileSync(`${azureDir}modules/storage.bicep`, 'utf8');

/** storage.bicep with one exact piece of text replaced; the piece must be there once. */
function broken(from: string, to: string): string {
  expect(storage.split(from)).toHaveLength(2);
  return storage.replace(from, to);
}

describe('the templates against the published Azure resource types', () => {
  it.each(allTemplates().map((f) => [f.path.slice(azureDir.length), f.text] as const))('%s type-checks', (_name, text) => {
    expect(typeCheck(text, types)).toEqual([]);
  });

  it('passes storage.bicep as it is, having found its resources', () => {
    expect(resourceBodies(storage).length).toBeGreaterThan(5);
    expect(typeCheck(storage, types)).toEqual([]);
  });

  it('finds an unknown property, deep in an array of objects', () => {
    expect(typeCheck(broken('maxAgeInSeconds: 3600', 'maxAgeSeconds: 3600'), types)).toEqual([
      expect.stringMatching(/blobService .*: properties\.cors\.corsRules\[\]\.maxAgeSeconds: is not a property of CorsRule/),
    ]);
  });

  it('finds an enum value that is not allowed, in a resource and in a loop body', () => {
    expect(typeCheck(broken("accessTier: 'Hot'", "accessTier: 'Warm'"), types)).toEqual([
      expect.stringMatching(/storage .*: properties\.accessTier: 'Warm' is not one of 'Hot', 'Cool', 'Premium', 'Cold'/),
    ]);
    // An extensible enum (a union with `string`, ARM's modelAsString) takes any string, in Bicep too.
    expect(typeCheck(broken("minimumTlsVersion: 'TLS1_2'", "minimumTlsVersion: 'TLS1_4'"), types)).toEqual([]);
    expect(typeCheck(broken("publicAccess: 'None'", "publicAccess: 'Private'"), types)).toEqual([
      expect.stringMatching(/blobContainers .*: properties\.publicAccess: 'Private' is not one of/),
    ]);
  });

  it('finds a read-only property set', () => {
    expect(typeCheck(broken("accessTier: 'Hot'", "accessTier: 'Hot'\n    provisioningState: 'Succeeded'"), types)).toEqual([
      expect.stringMatching(/storage .*: properties\.provisioningState: is read-only/),
    ]);
  });

  it('finds an API version or a resource type that is not published', () => {
    expect(typeCheck(broken("storageAccounts@2023-05-01' = {", "storageAccounts@2023-05-02' = {"), types)).toEqual([
      expect.stringMatching(
        /storage \(Microsoft\.Storage\/storageAccounts@2023-05-02\): API version 2023-05-02 is not one of the vendored ones \(2023-05-01\)/,
      ),
    ]);
    expect(typeCheck(broken("managementPolicies@2023-05-01'", "managementPolicy@2023-05-01'"), types)).toEqual([
      expect.stringMatching(/lifecycle .*: resource type not in the vendored types/),
    ]);
  });

  it('checks child resources declared inside their parent, existing resources, and values of the wrong kind', () => {
    const text = `resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: 'st'
  resource blobs 'blobServices' = {
    name: 'default'
    resource media 'containers' = [for c in ['a', 'b']: if (true) {
      name: c
      properties: { publicAccess: 'Everyone', metadata: { any: 'thing' } }
    }]
  }
}
resource q 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  name: 'ns/q'
  properties: { maxDeliveryCount: 'ten', status: [] }
}`;
    expect(resourceBodies(text).map((r) => `${r.symbol} ${r.type}@${r.apiVersion}`)).toEqual([
      'account Microsoft.Storage/storageAccounts@2023-05-01',
      'blobs Microsoft.Storage/storageAccounts/blobServices@2023-05-01',
      'media Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01',
      'q Microsoft.ServiceBus/namespaces/queues@2024-01-01',
    ]);
    expect(typeCheck(text, types)).toEqual([
      expect.stringMatching(/line 5, media .*: properties\.publicAccess: 'Everyone' is not one of 'Container', 'Blob', 'None'/),
      expect.stringMatching(/q .*: properties\.maxDeliveryCount: is IntegerType, given the string 'ten'/),
      expect.stringMatching(/q .*: properties\.status: is UnionType, given an array/),
    ]);
  });

  it('leaves expressions it cannot evaluate alone, but not literal keys', () => {
    const text = `resource s 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  kind: kind
  sku: union(base, { name: 'Premium_LRS' })
  properties: cond ? { a: 1 } : {}
  tags: { '\${env}': 'x' }
  nonsense: true
}`;
    expect(typeCheck(text, types)).toEqual([
      expect.stringMatching(/s .*: nonsense: is not a property of Microsoft\.Storage\/storageAccounts/),
    ]);
  });
});
