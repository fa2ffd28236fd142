// The Durable Task Scheduler backend (main.bicep: durableBackend 'scheduler'): a managed scheduler and task hub
// instead of the Azure Storage provider's queues, tables and blobs. The function app's identity is its Durable Task
// Data Contributor on this task hub only. docs/deploy.md, "The Durable backend", compares the two.
param name string
param location string
param tags object
param taskHubName string
param principalId string

@allowed(['Consumption', 'Dedicated'])
param sku string = 'Consumption'

resource scheduler 'Microsoft.DurableTask/schedulers@2025-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    sku: { name: sku }
    // An empty list refuses everyone; identity (RBAC) is the gate, as for the storage account.
    ipAllowlist: ['0.0.0.0/0']
  }
}

resource taskHub 'Microsoft.DurableTask/schedulers/taskHubs@2025-11-01' = {
  parent: scheduler
  name: taskHubName
}

var durableTaskDataContributor = '0ad04412-c4d5-4796-b79c-f76d14c8d402'

resource hubContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(taskHub.id, principalId, durableTaskDataContributor)
  scope: taskHub
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', durableTaskDataContributor)
  }
}

output endpoint string = scheduler.properties.endpoint
output taskHubName string = taskHub.name
