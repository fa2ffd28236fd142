// What the workers' own identity may do: the Container Apps job runs, pulls its image and scales (KEDA) as it.
// worker-identity.test.ts checks the list is exactly this, each role on the one container, queue or table the worker code touches. Nothing on Key Vault (the job token key stays with the
// function app), nothing on the storage account as a whole, so nothing on the Durable task hub's containers, queues
// and tables. GUIDs: Azure built-in roles (roles.test.ts names each one).
param principalId string
param storageAccountName string

@description('The originals\' container (`incoming`): workers read originals (today through the job\'s read-only SAS URL).')
param originalsContainer string
@description('The results container: workers write analysis.json and the derived files, and remove a partial result.')
param resultsContainer string

@description('main.bicep: identityOnly. False: the work queue is the Storage queue; true: the Service Bus queue.')
param identityOnly bool
param workQueueName string
@description('The Storage work queue\'s poison queue, where a worker dead-letters a job.')
param poisonQueueName string
param serviceBusNamespaceName string

@description('TableWorkerHeartbeats\' table: each worker writes its own row and removes it when it stops.')
param heartbeatsTable string
@description('TableIngestStore\'s submissions table: a worker reads a submission\'s status (cancelled?) and nothing else.')
param submissionsTable string

param registryName string

var roles = {
  storageBlobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  // Not Message Processor: a worker also updates its messages (lock renewal, delayed retry), which needs
  // messages/write, and creates the queue if it is missing; Contributor on one queue reaches no other.
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  // Receive and settle, schedule a delayed retry's copy (service-bus-job-queue.ts), and what KEDA's azure-servicebus
  // scaler needs as this identity: the queue's runtime properties, which only the Manage right reads. On this one queue.
  serviceBusDataOwner: '090c5cfd-751d-490a-894a-3ce6f1109419'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  storageTableDataReader: '76199698-9eea-4c19-bc75-cec21354c6b6'
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
}

func roleId(builtInRole string) string => subscriptionResourceId('Microsoft.Authorization/roleDefinitions', builtInRole)

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' existing = {
  parent: storage
  name: 'default'
}

resource originals 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  parent: blobService
  name: originalsContainer
}

resource results 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  parent: blobService
  name: resultsContainer
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' existing = {
  parent: storage
  name: 'default'
}

resource storageWorkQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' existing = {
  parent: queueService
  name: workQueueName
}

resource poisonQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' existing = {
  parent: queueService
  name: poisonQueueName
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' existing = {
  parent: storage
  name: 'default'
}

resource heartbeats 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' existing = {
  parent: tableService
  name: heartbeatsTable
}

resource submissions 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' existing = {
  parent: tableService
  name: submissionsTable
}

resource serviceBus 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName
}

resource serviceBusWorkQueue 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' existing = {
  parent: serviceBus
  name: workQueueName
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

resource originalsReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(originals.id, principalId, roles.storageBlobDataReader)
  scope: originals
  properties: { principalId: principalId, principalType: 'ServicePrincipal', roleDefinitionId: roleId(roles.storageBlobDataReader) }
}

resource resultsWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(results.id, principalId, roles.storageBlobDataContributor)
  scope: results
  properties: { principalId: principalId, principalType: 'ServicePrincipal', roleDefinitionId: roleId(roles.storageBlobDataContributor) }
}

resource jobTaker 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!identityOnly) {
  name: guid(storageWorkQueue.id, principalId, roles.storageQueueDataContributor)
  scope: storageWorkQueue
  properties: { principalId: principalId, principalType: 'ServicePrincipal', roleDefinitionId: roleId(roles.storageQueueDataContributor) }
}

resource jobDeadLetterer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!identityOnly) {
  name: guid(poisonQueue.id, principalId, roles.storageQueueDataContributor)
  scope: poisonQueue
  properties: { principalId: principalId, principalType: 'ServicePrincipal', roleDefinitionId: roleId(roles.storageQueueDataContributor) }
}

resource jobTakerAndScaler 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (identityOnly) {
  name: guid(serviceBusWorkQueue.id, principalId, roles.serviceBusDataOwner)
  scope: serviceBusWorkQueue
  properties: { principalId: principalId, principalType: 'ServicePrincipal', roleDefinitionId: roleId(roles.serviceBusDataOwner) }
}

resource heartbeatWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(heartbeats.id, principalId, roles.storageTableDataContributor)
  scope: heartbeats
  properties: { principalId: principalId, principalType: 'ServicePrincipal', roleDefinitionId: roleId(roles.storageTableDataContributor) }
}

resource statusReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(submissions.id, principalId, roles.storageTableDataReader)
  scope: submissions
  properties: { principalId: principalId, principalType: 'ServicePrincipal', roleDefinitionId: roleId(roles.storageTableDataReader) }
}

resource imagePull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, principalId, roles.acrPull)
  scope: registry
  properties: { principalId: principalId, principalType: 'ServicePrincipal', roleDefinitionId: roleId(roles.acrPull) }
}
