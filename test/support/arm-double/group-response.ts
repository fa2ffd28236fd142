import type { StoredGroup } from './container-group-store.js';
import type { JsonObject } from './validate-container-group.js';

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const objects = (value: unknown): JsonObject[] => (Array.isArray(value) ? value.filter(isObject) : []);

/** Like ARM: a secure variable comes back with its name only, a registry credential without its password. */
function withoutSecrets(properties: JsonObject): JsonObject {
  return {
    ...properties,
    containers: objects(properties.containers).map((container) => {
      const props = isObject(container.properties) ? container.properties : {};
      const env = objects(props.environmentVariables).map(({ secureValue, ...rest }) =>
        secureValue === undefined ? rest : { name: rest.name },
      );
      return { ...container, properties: { ...props, ...(props.environmentVariables ? { environmentVariables: env } : {}) } };
    }),
    ...(properties.imageRegistryCredentials
      ? { imageRegistryCredentials: objects(properties.imageRegistryCredentials).map(({ password: _password, ...rest }) => rest) }
      : {}),
  };
}

function instanceView(group: StoredGroup): JsonObject {
  const state = group.provisioningState === 'Succeeded' ? 'Running' : group.provisioningState === 'Failed' ? 'Stopped' : 'Pending';
  return { state, events: group.error ? [{ type: 'Warning', name: group.error.code, message: group.error.message, count: 1 }] : [] };
}

/**
 * The group as ARM answers it. `detail` adds the instance views, which ARM sends on GET of one group but not in a
 * list by resource group.
 */
export function groupResponse(group: StoredGroup, detail: boolean): JsonObject {
  const properties = withoutSecrets(isObject(group.body.properties) ? group.body.properties : {});
  const containers = objects(properties.containers).map((container) =>
    detail && group.provisioningState === 'Succeeded'
      ? {
          ...container,
          properties: {
            ...(isObject(container.properties) ? container.properties : {}),
            instanceView: { restartCount: 0, currentState: { state: 'Running', startTime: new Date().toISOString() } },
          },
        }
      : container,
  );
  return {
    id: `/subscriptions/${group.subscriptionId}/resourceGroups/${group.resourceGroup}/providers/Microsoft.ContainerInstance/containerGroups/${group.name}`,
    name: group.name,
    type: 'Microsoft.ContainerInstance/containerGroups',
    location: group.body.location,
    ...(group.body.tags ? { tags: group.body.tags } : {}),
    ...(group.body.identity ? { identity: group.body.identity } : {}),
    properties: {
      ...properties,
      containers,
      provisioningState: group.provisioningState,
      ...(detail ? { instanceView: instanceView(group) } : {}),
    },
  };
}
