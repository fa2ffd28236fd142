// Newsdesk on Azure. `azd up` (azure.yaml), or `az deployment sub create -l <region> -f infra/azure/main.bicep`,
// brings up the pipeline in two resource groups: everything in one; the worker container groups in the other, the
// only place where the identity may create and delete container groups. docs/deploy.md walks through it.
targetScope = 'subscription'

@minLength(1)
@maxLength(40)
@description('Environment name (azd); resource names and the resource groups derive from it.')
param environmentName string

@minLength(1)
@description('Region of everything but the workers and the Vision account (which have their own parameters).')
@metadata({ azd: { type: 'location' } })
param location string

@description('Region of the worker container groups (ACI), e.g. one where a GPU SKU is still offered to you; empty: location.')
param workersLocation string = ''

@description('''False: the storage account allows shared keys, AzureWebJobsStorage is a connection string and the
app publishes to Event Grid with the topic key, both from Key Vault; jobs use the Storage queue. True: no keys. Storage
and the topic refuse them; the app reaches Storage, Event Grid and the Service Bus work queue as the identity
(AzureWebJobsStorage__accountName, NEWSDESK_SERVICEBUS_NAMESPACE). Stays false until upload and job SAS URLs are signed
without the account key (docs/deploy.md, "Keys or identity" and "Known gaps").''')
param identityOnly bool = false

@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_RAGRS'])
param storageSku string = 'Standard_LRS'
param originalsCoolAfterDays int = 30
param originalsDeleteAfterDays int = 365
@description('Originals of cancelled submissions kept with NEWSDESK_CANCELLED_RETENTION=retain.')
param retentionDeleteAfterDays int = 90
param deadLetterDeleteAfterDays int = 30
@allowed(['delete', 'retain'])
param cancelledRetention string = 'delete'

@allowed([512, 2048, 4096])
param functionInstanceMemoryMB int = 2048
@minValue(40)
@maxValue(1000)
param functionMaximumInstanceCount int = 100

@description('The work queue: the Storage queue of this name (identityOnly false) or the Service Bus queue (true).')
param workQueueName string = 'analysis-jobs'
@description('Service Bus lock duration: the workers\' NEWSDESK_WORKER_LOCK (workers/config.ts default PT1M).')
param workerLockDuration string = 'PT1M'
@description('Service Bus\'s backstop; at least NEWSDESK_WORKER_MAX_DELIVERIES + 1 (the worker dead-letters first).')
param serviceBusMaxDeliveryCount int = 10

param workerImageTag string = 'latest'
param workerCpu int = 4
param workerMemoryGB int = 16
@description('ACI GPU SKU for the workers, or empty for CPU-only. ACI retired its GPU SKUs on 14 July 2025.')
@allowed(['', 'V100', 'K80', 'P100'])
param workerGpuSku string = ''
param workerGpuCount int = 1
param workersMin int = 0
param workersMax int = 4
param workersJobsPerWorker int = 8
param workersIdleSeconds int = 600

@description('Another Image Analysis 4.0 endpoint for the workers; empty deploys an Azure AI Vision account.')
param classifierEndpoint string = ''
@secure()
@description('The key for classifierEndpoint, if it takes one.')
param classifierKey string = ''
@description('Azure AI Vision region: Image Analysis 4.0 (and captions) exist in some regions only; empty: location.')
param visionLocation string = ''
param visionSku string = 'S1'

@secure()
@minLength(16)
@description('The mailbox\'s API key: the Logic App sends it, the gateway and the app check it.')
param mailboxApiKey string
param deployMailbox bool = true
@description('Resource id of an authorised Office 365 Outlook connection; empty creates one to authorise once.')
param office365ConnectionId string = ''

@secure()
@description('A first client, created by the app at start-up (the NEWSDESK_DEV_* settings); empty: none.')
param firstClientApiKey string = ''
@secure()
param firstClientWebhookSecret string = ''
param firstClientWebhookUrl string = ''
@description('Comma-separated sender addresses whose mail becomes the first client\'s submissions.')
param firstClientMailSenders string = ''

@secure()
@description('The client administration key (x-admin-key on /api/manage/clients), kept in Key Vault; empty: the admin API is off.')
param adminKey string = ''

@secure()
@minLength(32)
@description('Signs each analysis job\'s token (NEWSDESK_JOB_TOKEN_KEY), kept in Key Vault: only the function app reads it; the workers never hold it (docs/security.md).')
param jobTokenKey string
@secure()
@description('The job token key that jobTokenKey replaced, still honoured until the jobs signed with it have closed; empty: none.')
param jobTokenKeyPrevious string = ''

@description('The desk\'s Entra ID app registration (its client id; docs/deploy.md, The desk): App Service authentication signs staff in with it. Empty: no sign-in on Azure.')
param staffAuthClientId string = ''
@description('The tenant of that app registration; default: the deployment\'s.')
param staffAuthTenantId string = tenant().tenantId
@secure()
@description('A client secret of that app registration, kept in Key Vault (App Service then uses the code flow and keeps tokens); empty: ID tokens only.')
param staffAuthClientSecret string = ''

param opsWebhookUrl string = ''

@allowed(['Developer', 'Basic', 'Standard', 'Premium'])
param apimSku string = 'Developer'
param apimPublisherEmail string
param apimPublisherName string = 'Newsdesk'
@description('Calls per client per minute at the gateway (the app\'s own default, NEWSDESK_DEFAULT_RATE_LIMIT, is 600).')
param rateLimitCallsPerMinute int = 600
param quotaCalls int = 1000000
@description('Quota period in seconds (30 days).')
param quotaPeriodSeconds int = 2592000

@description('Second pass, once the code is deployed: Event Grid subscription to startSubmission, host key for the gateway.')
param appDeployed bool = false

var token = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var names = {
  resourceGroup: 'rg-${environmentName}'
  workersResourceGroup: 'rg-${environmentName}-workers'
  identity: 'id-newsdesk-${token}'
  workerIdentity: 'id-newsdesk-worker-${token}'
  logAnalytics: 'log-newsdesk-${token}'
  appInsights: 'appi-newsdesk-${token}'
  storage: 'stnewsdesk${take(token, 12)}'
  keyVault: 'kv-newsdesk-${take(token, 10)}'
  serviceBus: 'sb-newsdesk-${token}'
  eventGrid: 'evgt-newsdesk-${token}'
  registry: 'crnewsdesk${token}'
  vision: 'cv-newsdesk-${token}'
  plan: 'plan-newsdesk-${token}'
  functionApp: 'func-newsdesk-${token}'
  apim: 'apim-newsdesk-${token}'
  logicApp: 'logic-newsdesk-mailbox-${token}'
}

// Blob containers the code writes (names.test.ts finds each in the code), and the Flex deployment package's.
var containers = {
  originals: 'incoming'
  results: 'results'
  retention: 'retention'
  eventGridDeadLetter: 'eventgrid-deadletter'
  deployment: 'app-package'
}

// The tables of TableIngestStore, TableDeliveryStore, TableDuplicateIndex and TableWorkerHeartbeats; the app creates them too, this makes them visible.
var tables = [
  'clients'
  'apikeys'
  'senders'
  'submissions'
  'clientsubmissions'
  'deskindex'
  'deskchanges'
  'filestates'
  'idempotency'
  'emails'
  'uploadsessions'
  'escalations'
  'deliveryattempts'
  'deliverydeadletters'
  'deliverycounters'
  'duplicates'
  'filefailures'
  'workerheartbeats'
]

var secretNames = {
  storageConnection: 'storage-connection-string'
  eventGridKey: 'eventgrid-topic-key'
  classifierKey: 'classifier-key'
  mailboxApiKey: 'mailbox-api-key'
  firstClientApiKey: 'first-client-api-key'
  firstClientWebhookSecret: 'first-client-webhook-secret'
  adminKey: 'admin-key'
  jobTokenKey: 'job-token-key'
  jobTokenKeyPrevious: 'job-token-key-previous'
  functionsHostKey: 'functions-host-key'
  staffAuthClientSecret: 'staff-auth-client-secret'
}

var workerImage = 'newsdesk-worker'
var workersRegion = empty(workersLocation) ? location : workersLocation
var visionRegion = empty(visionLocation) ? location : visionLocation
var deployVision = empty(classifierEndpoint)
// The app creates the client only when both are set (app/config.ts: devClient).
var firstClient = !empty(firstClientApiKey) && !empty(firstClientWebhookSecret)

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: names.resourceGroup
  location: location
  tags: tags
}

// Not tagged azd-env-name: azd finds the services in the one resource group that is.
resource workersRg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: names.workersResourceGroup
  location: workersRegion
  tags: { 'newsdesk-env': environmentName, 'newsdesk-role': 'workers' }
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: { name: names.identity, location: location, tags: tags }
}

// The worker containers' own identity: the originals, the results, the work queue, their heartbeats, the image; not
// Key Vault, not the task hub (worker-roles.bicep, docs/security.md).
module workerIdentity 'modules/identity.bicep' = {
  name: 'worker-identity'
  scope: rg
  params: { name: names.workerIdentity, location: location, tags: tags }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: { workspaceName: names.logAnalytics, appInsightsName: names.appInsights, location: location, tags: tags }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: names.keyVault
    location: location
    tags: tags
    secrets: {
      '${secretNames.mailboxApiKey}': mailboxApiKey
      '${secretNames.firstClientApiKey}': firstClientApiKey
      '${secretNames.firstClientWebhookSecret}': firstClientWebhookSecret
      '${secretNames.adminKey}': adminKey
      '${secretNames.jobTokenKey}': jobTokenKey
      '${secretNames.jobTokenKeyPrevious}': jobTokenKeyPrevious
      '${secretNames.staffAuthClientSecret}': staffAuthClientSecret
      '${secretNames.classifierKey}': deployVision ? '' : classifierKey
    }
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: names.storage
    location: location
    tags: tags
    sku: storageSku
    sharedKeyAccess: !identityOnly
    containers: [containers.originals, containers.results, containers.retention, containers.eventGridDeadLetter, containers.deployment]
    queues: [workQueueName, '${workQueueName}-poison']
    tables: tables
    originalsContainer: containers.originals
    retentionContainer: containers.retention
    deadLetterContainer: containers.eventGridDeadLetter
    // The desk, served by the function app, uploads blocks and loads pictures from Blob Storage in the browser.
    // By name: the storage account is made before the app. Flex Consumption's default host name is <name>.azurewebsites.net.
    corsOrigins: ['https://${names.functionApp}.azurewebsites.net']
    originalsCoolAfterDays: originalsCoolAfterDays
    originalsDeleteAfterDays: originalsDeleteAfterDays
    retentionDeleteAfterDays: retentionDeleteAfterDays
    deadLetterDeleteAfterDays: deadLetterDeleteAfterDays
    keyVaultName: keyVault.outputs.name
    connectionStringSecretName: secretNames.storageConnection
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  scope: rg
  params: {
    name: names.serviceBus
    location: location
    tags: tags
    queueName: workQueueName
    lockDuration: workerLockDuration
    maxDeliveryCount: serviceBusMaxDeliveryCount
  }
}

module eventGrid 'modules/eventgrid.bicep' = {
  name: 'eventgrid'
  scope: rg
  params: {
    name: names.eventGrid
    location: location
    tags: tags
    identityId: identity.outputs.id
    localAuth: !identityOnly
    keyVaultName: keyVault.outputs.name
    keySecretName: secretNames.eventGridKey
  }
}

module registry 'modules/registry.bicep' = {
  name: 'registry'
  scope: rg
  params: { name: names.registry, location: location, tags: tags }
}

module vision 'modules/vision.bicep' = if (deployVision) {
  name: 'vision'
  scope: rg
  params: {
    name: names.vision
    location: visionRegion
    tags: tags
    sku: visionSku
    keyVaultName: keyVault.outputs.name
    keySecretName: secretNames.classifierKey
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  scope: rg
  params: {
    principalId: identity.outputs.principalId
    workerIdentityName: workerIdentity.outputs.name
    storageAccountName: storage.outputs.name
    serviceBusNamespaceName: serviceBus.outputs.namespaceName
    workQueueName: serviceBus.outputs.queueName
    topicName: eventGrid.outputs.name
    keyVaultName: keyVault.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
    visionName: deployVision ? vision.outputs.name : ''
  }
}

module workerRoles 'modules/worker-roles.bicep' = {
  name: 'worker-roles'
  scope: rg
  params: {
    principalId: workerIdentity.outputs.principalId
    storageAccountName: storage.outputs.name
    originalsContainer: containers.originals
    resultsContainer: containers.results
    identityOnly: identityOnly
    workQueueName: workQueueName
    poisonQueueName: '${workQueueName}-poison'
    serviceBusNamespaceName: serviceBus.outputs.namespaceName
    heartbeatsTable: 'workerheartbeats'
    submissionsTable: 'submissions'
    registryName: registry.outputs.name
  }
}

module workers 'modules/workers.bicep' = {
  name: 'workers'
  scope: workersRg
  params: {
    principalId: identity.outputs.principalId
    location: workersRegion
    image: '${registry.outputs.loginServer}/${workerImage}:${workerImageTag}'
    registryServer: registry.outputs.loginServer
    workerIdentityId: workerIdentity.outputs.id
    workerIdentityClientId: workerIdentity.outputs.clientId
    cpu: workerCpu
    memoryGB: workerMemoryGB
    gpuSku: workerGpuSku
    gpuCount: workerGpuCount
    minWorkers: workersMin
    maxWorkers: workersMax
    jobsPerWorker: workersJobsPerWorker
    idleSeconds: workersIdleSeconds
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: rg
  params: {
    planName: names.plan
    name: names.functionApp
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    deploymentContainer: containers.deployment
    instanceMemoryMB: functionInstanceMemoryMB
    maximumInstanceCount: functionMaximumInstanceCount
    appInsightsConnectionString: monitoring.outputs.connectionString
    keyVaultName: keyVault.outputs.name
    secretNames: secretNames
    identityOnly: identityOnly
    eventGridEndpoint: eventGrid.outputs.endpoint
    serviceBusNamespace: serviceBus.outputs.fullyQualifiedNamespace
    workQueueName: workQueueName
    classifierEndpoint: deployVision ? vision.outputs.endpoint : classifierEndpoint
    classifierKeyInVault: deployVision || !empty(classifierKey)
    firstClient: firstClient
    firstClientWebhookUrl: firstClientWebhookUrl
    firstClientMailSenders: firstClientMailSenders
    adminKeyInVault: !empty(adminKey)
    jobTokenKeyPreviousInVault: !empty(jobTokenKeyPrevious)
    opsWebhookUrl: opsWebhookUrl
    // API Management's gateway (its API lives at /api, as the app's routes do); by name, since the gateway is made after the app.
    publicUrl: 'https://${names.apim}.azure-api.net'
    cancelledRetention: cancelledRetention
    workerSettings: workers.outputs.appSettings
    staffAuthClientId: staffAuthClientId
    staffAuthTenantId: staffAuthTenantId
    staffAuthSecretInVault: !empty(staffAuthClientSecret)
  }
  // Key Vault references resolve at start-up: the identity must be able to read them by then.
  dependsOn: [roles]
}

module appKeys 'modules/app-keys.bicep' = if (appDeployed) {
  name: 'app-keys'
  scope: rg
  params: {
    functionAppName: functionApp.outputs.name
    keyVaultName: keyVault.outputs.name
    secretName: secretNames.functionsHostKey
  }
}

module eventSubscription 'modules/eventgrid-subscription.bicep' = if (appDeployed) {
  name: 'eventgrid-subscription'
  scope: rg
  params: {
    topicName: eventGrid.outputs.name
    subscriptionName: 'start-submission'
    functionAppId: functionApp.outputs.id
    functionName: 'startSubmission'
    eventTypes: ['Newsdesk.Submission.Received']
    deadLetterStorageId: storage.outputs.id
    deadLetterContainer: containers.eventGridDeadLetter
    identityId: identity.outputs.id
  }
  dependsOn: [roles]
}

module apim 'modules/apim.bicep' = {
  name: 'apim'
  scope: rg
  params: {
    name: names.apim
    location: location
    tags: tags
    sku: apimSku
    publisherEmail: apimPublisherEmail
    publisherName: apimPublisherName
    backendUrl: functionApp.outputs.apiBaseUrl
    hostKeySecretUri: appDeployed ? appKeys.outputs.secretUri : ''
    keyVaultName: keyVault.outputs.name
    hostKeySecretName: secretNames.functionsHostKey
    rateLimitCalls: rateLimitCallsPerMinute
    rateLimitPeriodSeconds: 60
    quotaCalls: quotaCalls
    quotaPeriodSeconds: quotaPeriodSeconds
    mailboxApiKey: mailboxApiKey
    firstClientApiKey: firstClient ? firstClientApiKey : ''
  }
}

module logicApp 'modules/logicapp.bicep' = if (deployMailbox) {
  name: 'logicapp'
  scope: rg
  params: {
    name: names.logicApp
    location: location
    tags: tags
    office365ConnectionId: office365ConnectionId
    ingestEmailUrl: '${apim.outputs.apiUrl}/submissions/email'
    mailboxApiKey: mailboxApiKey
  }
}

// azd puts these in the environment (.azure/<env>/.env); the hooks in azure.yaml read them.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_CONTAINER_REGISTRY_NAME string = registry.outputs.name
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.outputs.loginServer
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output NEWSDESK_WORKER_IMAGE string = workerImage
output NEWSDESK_WORKERS_RESOURCE_GROUP string = workers.outputs.resourceGroupName
output NEWSDESK_API_URL string = apim.outputs.apiUrl
output NEWSDESK_FUNCTIONS_URL string = functionApp.outputs.apiBaseUrl
output NEWSDESK_MAILBOX_CONNECTION string = deployMailbox ? logicApp.outputs.connectionName : ''
