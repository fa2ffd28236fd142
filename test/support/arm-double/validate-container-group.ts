import { ArmError } from './arm-error.js';

/** The JSON a client PUTs for a container group (ARM's wire shape: everything but location/tags/identity under `properties`). */
export type JsonObject = Record<string, unknown>;

const GPU_SKUS = ['K80', 'P100', 'V100'];
const GPU_COUNTS = [1, 2, 4];
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const GROUP_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const IDENTITY_TYPES = ['None', 'SystemAssigned', 'UserAssigned', 'SystemAssigned, UserAssigned'];
const USER_ASSIGNED_ID =
  /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/[^/]+$/i;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const positive = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value > 0;
// The error codes are the double's own, named for the problem; ARM's real ones differ between resource providers.
const bad = (code: string, message: string) => new ArmError(400, code, message);

function validateContainer(container: unknown, index: number, osType: unknown): void {
  const at = `properties.containers[${index}]`;
  if (!isObject(container) || typeof container.name !== 'string' || !GROUP_NAME.test(container.name)) {
    throw bad('InvalidContainerName', `${at}.name must be lowercase letters, digits and hyphens.`);
  }
  const props = container.properties;
  if (!isObject(props) || typeof props.image !== 'string' || props.image === '')
    throw bad('InvalidContainerImage', `${at}.properties.image is required.`);
  const requests = isObject(props.resources) ? props.resources.requests : undefined;
  if (!isObject(requests) || !positive(requests.cpu) || !positive(requests.memoryInGB)) {
    throw bad('InvalidResourceRequests', `${at}.properties.resources.requests needs a positive cpu and memoryInGB.`);
  }
  if (requests.gpu !== undefined) {
    const gpu = requests.gpu;
    if (!isObject(gpu) || !GPU_SKUS.includes(String(gpu.sku))) {
      throw bad(
        'UnsupportedGpuSku',
        `The GPU SKU '${isObject(gpu) ? String(gpu.sku) : ''}' is not supported. Supported SKUs: ${GPU_SKUS.join(', ')}.`,
      );
    }
    if (!GPU_COUNTS.includes(Number(gpu.count))) throw bad('InvalidGpuCount', `The GPU count must be one of ${GPU_COUNTS.join(', ')}.`);
    if (osType !== 'Linux') throw bad('UnsupportedGpuOsType', 'GPU resources are supported for Linux containers only.');
  }
  const env = props.environmentVariables ?? [];
  if (!Array.isArray(env)) throw bad('InvalidEnvironmentVariables', `${at}.properties.environmentVariables must be an array.`);
  const names = new Set<string>();
  for (const variable of env) {
    if (!isObject(variable) || typeof variable.name !== 'string' || variable.name === '' || names.has(variable.name)) {
      throw bad('InvalidEnvironmentVariable', `${at}: environment variable names must be present and unique.`);
    }
    names.add(variable.name);
    if ((variable.value === undefined) === (variable.secureValue === undefined)) {
      throw bad('InvalidEnvironmentVariable', `Environment variable '${variable.name}' needs exactly one of value and secureValue.`);
    }
  }
}

/** ARM's managed-identity block: a known type, and user-assigned identities (by resource id) exactly when it names them. */
function validateIdentity(identity: unknown): void {
  if (identity === undefined) return;
  if (!isObject(identity) || !IDENTITY_TYPES.includes(String(identity.type))) {
    throw bad('InvalidIdentityType', `identity.type must be one of ${IDENTITY_TYPES.join(', ')}.`);
  }
  const users = identity.userAssignedIdentities;
  if (!String(identity.type).includes('UserAssigned')) {
    if (users !== undefined)
      throw bad('InvalidUserAssignedIdentities', `identity.type '${String(identity.type)}' takes no userAssignedIdentities.`);
    return;
  }
  if (!isObject(users) || Object.keys(users).length === 0) {
    throw bad('InvalidUserAssignedIdentities', 'identity.userAssignedIdentities must name at least one identity.');
  }
  for (const id of Object.keys(users)) {
    if (!USER_ASSIGNED_ID.test(id)) throw bad('InvalidUserAssignedIdentityId', `'${id}' is not a user-assigned identity's resource id.`);
  }
}

/** Throws the 400 ARM would answer for a container group it cannot create; returns the body's properties when it can. */
export function validateContainerGroup(name: string, body: unknown): JsonObject {
  if (!GROUP_NAME.test(name)) throw bad('InvalidResourceName', `The container group name '${name}' is invalid.`);
  if (!isObject(body)) throw bad('InvalidRequestContent', 'The request content is not a JSON object.');
  if (typeof body.location !== 'string' || body.location === '') throw bad('LocationRequired', 'The location property is required.');
  if (body.tags !== undefined && (!isObject(body.tags) || Object.values(body.tags).some((v) => typeof v !== 'string'))) {
    throw bad('InvalidTags', 'Tag values must be strings.');
  }
  const props = body.properties;
  if (!isObject(props)) throw bad('InvalidRequestContent', 'The properties of the container group are required.');
  if (props.osType !== 'Linux' && props.osType !== 'Windows') throw bad('InvalidOsType', "properties.osType must be 'Linux' or 'Windows'.");
  if (props.restartPolicy !== undefined && !RESTART_POLICIES.includes(String(props.restartPolicy))) {
    throw bad('InvalidRestartPolicy', `properties.restartPolicy must be one of ${RESTART_POLICIES.join(', ')}.`);
  }
  if (!Array.isArray(props.containers) || props.containers.length === 0)
    throw bad('NoContainersSpecified', 'At least one container is required.');
  props.containers.forEach((container, index) => validateContainer(container, index, props.osType));
  validateIdentity(body.identity);
  const identities = isObject(body.identity) && isObject(body.identity.userAssignedIdentities) ? body.identity.userAssignedIdentities : {};
  for (const credential of Array.isArray(props.imageRegistryCredentials) ? props.imageRegistryCredentials : []) {
    if (!isObject(credential) || typeof credential.server !== 'string')
      throw bad('InvalidImageRegistryCredential', 'A registry server is required.');
    const byIdentity = typeof credential.identity === 'string';
    if (byIdentity && !Object.hasOwn(identities, String(credential.identity))) {
      throw bad('InvalidImageRegistryCredential', `The identity '${String(credential.identity)}' is not assigned to the container group.`);
    }
    if (!byIdentity && (typeof credential.username !== 'string' || typeof credential.password !== 'string')) {
      throw bad('InvalidImageRegistryCredential', `Registry '${credential.server}' needs a username and password, or an identity.`);
    }
  }
  return props;
}
