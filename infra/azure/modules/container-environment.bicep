// The Container Apps environment of the workers (a job) and the self-hosted classifier (an app). Workload profiles:
// Consumption always (up to 4 vCPU / 8 GiB per replica), and a serverless GPU profile when main.bicep's workerGpu asks
// for one: Consumption-GPU-NC8as-T4 (8 vCPU, 56 GiB, one T4) or Consumption-GPU-NC24-A100 (24 vCPU, 220 GiB, one A100).
// Serverless GPUs exist in some regions only and need quota (docs/deploy.md, Prerequisites).
param name string
param location string
param tags object
param logAnalyticsWorkspaceName string
param subnetId string

@description('Empty: CPU only; else the serverless GPU profile type.')
@allowed(['', 'Consumption-GPU-NC8as-T4', 'Consumption-GPU-NC24-A100'])
param gpuProfileType string = ''

@description('The workload profile name the GPU profile gets (workers.bicep runs on it).')
param gpuProfileName string = 'gpu'

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: logAnalyticsWorkspaceName
}

var consumption = [{ name: 'Consumption', workloadProfileType: 'Consumption' }]
var gpu = [{ name: gpuProfileName, workloadProfileType: gpuProfileType }]

resource environment 'Microsoft.App/managedEnvironments@2025-01-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    workloadProfiles: empty(gpuProfileType) ? consumption : concat(consumption, gpu)
    // Public environment (internal: false) in our own subnet: the job pulls images and reaches Azure's public
    // endpoints as before, and its traffic to the function app comes from this subnet's service endpoint.
    vnetConfiguration: { infrastructureSubnetId: subnetId, internal: false }
    // The workspace's key is read here, from a workspace this deployment made: unlike a function host's keys, it
    // exists as soon as the workspace does (monitoring.bicep).
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
  }
}

output id string = environment.id
output name string = environment.name
output defaultDomain string = environment.properties.defaultDomain
