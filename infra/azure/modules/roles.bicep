// What the function app's identity may do, each role on the narrowest resource that the code touches. The workers'
// own identity is worker-roles.bicep; the Durable Task Scheduler's role is durable-scheduler.bicep. GUIDs: Azure
// built-in roles (roles.test.ts names each one).
param principalId string
param storageAccountName string
param serviceBusNamespaceName string
param workQueueName string
param topicName string
param keyVaultName string
param appInsightsName string

var roles = {
  // The Functions host on AzureWebJobsStorage with an identity needs Blob Data Owner (not Contributor); the task hub
  // and the app's adapters add queues and tables.
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  serviceBusDataOwner: '090c5cfd-751d-490a-894a-3ce6f1109419'
  eventGridDataSender: 'd5a91429-5739-47e2-a06b-3470a27159e7'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

func roleId(builtInRole string) string => subscriptionResourceId('Microsoft.Authorization/roleDefinitions', builtInRole)

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource serviceBus 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName
}

resource workQueue 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' existing = {
  parent: serviceBus
  name: workQueueName
}

resource topic 'Microsoft.EventGrid/topics@2025-02-15' existing = {
  name: topicName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource blobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, principalId, roles.storageBlobDataOwner)
  scope: storage
  properties: { principalId: principalId, principalType: 'ServicePrincipal', roleDefinitionId: roleId(roles.storageBlobDataOwner) }
}

resource queueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, principalId, roles.storageQueueDataContributor)
  scope: storage
  properties: { principalId: principalId, principalType: 'ServicePrincipal', roleDefinitionId: roleId(roles.storageQueueDataContributor) }
}

resource tableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, principalId, roles.storageTableDataContributor)
  scope: storage
  properties: { principalId: principalId, principalType: 'ServicePrincipal', roleDefinitionId: roleId(roles.storageTableDataContributor) }
}

resource jobSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(workQueue.id, principalId, roles.serviceBusDataSender)
  scope: workQueue
  properties: { principalId: principalId, principalType: 'ServicePrincipal', roleDefinitionId: roleId(roles.serviceBusDataSender) }
}

// The desk's System page reads the queue's message count (runtime properties need the Manage right), on this queue only.
resource queueManager 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(workQueue.id, principalId, roles.serviceBusDataOwner)
  scope: workQueue
  properties: { principalId: principalId, principalType: 'ServicePrincipal', roleDefinitionId: roleId(roles.serviceBusDataOwner) }
}

resource eventSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(topic.id, principalId, roles.eventGridDataSender)
  scope: topic
  properties: { principalId: principalId, principalType: 'ServicePrincipal', roleDefinitionId: roleId(roles.eventGridDataSender) }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalId, roles.keyVaultSecretsUser)
  scope: vault
  properties: { principalId: principalId, principalType: 'ServicePrincipal', roleDefinitionId: roleId(roles.keyVaultSecretsUser) }
}

resource telemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, principalId, roles.monitoringMetricsPublisher)
  scope: appInsights
  properties: { principalId: principalId, principalType: 'ServicePrincipal', roleDefinitionId: roleId(roles.monitoringMetricsPublisher) }
}
