// The worker containers' resource group. The function app's scaler (app/worker-scaler.ts) creates and deletes one
// ACI container group per worker here, built by aciContainerGroup() from the settings below: this module is the
// container group template. The function app's identity may manage container groups in this group and nothing else;
// the groups run as the workers' own identity (worker-roles.bicep), never as the app's.
targetScope = 'resourceGroup'

param principalId string
param location string

@description('The worker image, `<registry>/<repository>:<tag>`.')
param image string
param registryServer string

@description('Resource id of the worker containers\' own identity: the groups run as it and pull their image with it (worker-roles.bicep).')
param workerIdentityId string
@description('Its client id: the containers\' AZURE_CLIENT_ID.')
param workerIdentityClientId string

param cpu int
param memoryGB int

@description('ACI GPU SKU, or empty for CPU-only groups. ACI\'s GPU SKUs were retired on 14 July 2025: a subscription without one gets CPU workers (docs/deploy.md).')
@allowed(['', 'V100', 'K80', 'P100'])
param gpuSku string = ''
param gpuCount int = 1

param minWorkers int
param maxWorkers int
param jobsPerWorker int
param idleSeconds int

// Built-in "Azure Container Instances Contributor Role": read/write/delete of container groups only.
var aciContributor = '5d977122-f97e-4b4d-a52f-6b43003ddb4d'

resource containerGroups 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, principalId, aciContributor)
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', aciContributor)
  }
}

// The scaler's settings (app/config.ts: NEWSDESK_ACI_* and NEWSDESK_WORKERS_*); the function app sets them.
var scalerSettings = {
  NEWSDESK_ACI_SUBSCRIPTION_ID: subscription().subscriptionId
  NEWSDESK_ACI_RESOURCE_GROUP: resourceGroup().name
  NEWSDESK_ACI_LOCATION: location
  NEWSDESK_ACI_IMAGE: image
  NEWSDESK_ACI_REGISTRY_SERVER: registryServer
  NEWSDESK_ACI_WORKER_IDENTITY_ID: workerIdentityId
  NEWSDESK_ACI_WORKER_IDENTITY_CLIENT_ID: workerIdentityClientId
  NEWSDESK_ACI_CPU: string(cpu)
  NEWSDESK_ACI_MEMORY_GB: string(memoryGB)
  NEWSDESK_WORKERS_MIN: string(minWorkers)
  NEWSDESK_WORKERS_MAX: string(maxWorkers)
  NEWSDESK_WORKERS_JOBS_PER_WORKER: string(jobsPerWorker)
  NEWSDESK_WORKERS_IDLE_SECONDS: string(idleSeconds)
}

var gpuSettings = {
  NEWSDESK_ACI_GPU_SKU: gpuSku
  NEWSDESK_ACI_GPU_COUNT: string(gpuCount)
}

output resourceGroupName string = resourceGroup().name
output appSettings object = union(scalerSettings, empty(gpuSku) ? {} : gpuSettings)
