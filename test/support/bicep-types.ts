import { readdirSync, readFileSync } from 'node:fs';
import { ROOT } from './root.js';

/**
 * The Azure resource type definitions vendored in infra/azure/type-check/types (cut from Azure/bicep-types-az by
 * vendor.js beside them): bicep-types' own type graph, with references as plain indexes into one file's `types`.
 */
export interface AzProperty {
  type: number;
  /** bicep-types' flags: 1 required, 2 read-only, 4 write-only, 8 deploy-time constant, 16 identifier. */
  flags: number;
}
export type AzType =
  | { $type: 'ResourceType'; name: string; body: number }
  | { $type: 'ObjectType'; name: string; properties: Record<string, AzProperty>; additionalProperties?: number }
  | {
      $type: 'DiscriminatedObjectType';
      name: string;
      discriminator: string;
      baseProperties: Record<string, AzProperty>;
      elements: Record<string, number>;
    }
  | { $type: 'ArrayType'; itemType: number }
  | { $type: 'UnionType'; elements: number[] }
  | { $type: 'StringLiteralType'; value: string }
  | { $type: 'StringType' | 'IntegerType' | 'BooleanType' | 'AnyType' | 'NullType' };

export const READ_ONLY = 2;

/** One resource type at one API version: its body type, with the graph it indexes into. */
export interface AzResource {
  name: string;
  types: AzType[];
  body: number;
}

export const vendoredTypesDir = `${ROOT}/infra/azure/type-check/types`;

/** Every vendored resource type, keyed by `type@apiVersion` in lower case (Bicep compares them case-insensitively). */
export function loadResourceTypes(dir = vendoredTypesDir): Map<string, AzResource> {
  const all = new Map<string, AzResource>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const { resources, types } = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as {
      resources: Record<string, number>;
      types: AzType[];
    };
    for (const [name, index] of Object.entries(resources)) {
      const resource = types[index];
      if (resource?.$type !== 'ResourceType') throw new Error(`${file}: ${name} is not a resource type`);
      all.set(name.toLowerCase(), { name, types, body: resource.body });
    }
  }
  return all;
}
