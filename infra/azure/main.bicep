// Newsdesk on Azure. `azd up` (azure.yaml), or `az deployment sub create -l <region> -f infra/azure/main.bicep`,
// brings up the pipeline in one resource group: the function app behind API Management, and the workers as an
// event-driven Container Apps job that KEDA scales on the work queue. docs/deploy.md walks through it.
targetScope = 'subscription'

@minLength(1)
@maxLength(40)
@description('Environment name (azd); resource names and the resource groups derive from it.')
param environmentName string

@minLength(1)
@description('Region of everything but the workers and the Vision account (which have their own parameters).')
@metadata({ azd: { type: 'location' } })
param location string

@description('Region of the Container Apps environment (workers, classifier), e.g. one with serverless GPUs; empty: location.')
param workersLocation string = ''

@description('''True (the default): no keys. Storage and the topic refuse them; the app reaches Storage, Event Grid and
the Service Bus work queue as its identity, and the workers as theirs; KEDA scales on the Service Bus queue. False: the
storage account allows shared keys, AzureWebJobsStorage is a connection string and the app publishes with the topic
key, both from Key Vault; jobs use the Storage queue, which KEDA watches with its azure-queue scaler.''')
param identityOnly bool = true

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

@description('Tag of the worker and classifier images the postprovision hook built; empty: a public placeholder, until the first build.')
param imageTag string = ''
@description('Empty: workers on the Consumption profile (4 vCPU, 8Gi). T4 or A100: a serverless GPU profile (region and quota: docs/deploy.md).')
@allowed(['', 'T4', 'A100'])
param workerGpu string = ''
@description('Jobs one worker works on at once.')
param workerConcurrency int = 2
@description('How often KEDA looks at the work queue, in seconds.')
param workerPollingIntervalSeconds int = 30
@description('''An execution's longest life: the longest useful analysis (the job token lasts the analysis timeout, PT30M,
plus the escalation grace, PT2H) and the draining around it.''')
param workerReplicaTimeoutSeconds int = 14400

@description('Durable Functions backend: the Azure Storage provider on AzureWebJobsStorage, or a Durable Task Scheduler (Consumption SKU).')
@allowed(['storage', 'scheduler'])
param durableBackend string = 'storage'

@description('Comma-separated CIDR ranges that may call the function app directly (the desk, operators, the machine that runs azd); API Management, Event Grid and the workers always may.')
param operatorIpRanges string = ''

@description('Another Image Analysis 4.0 endpoint for the workers; empty: Azure AI Vision (deployVision) or the self-hosted classifier.')
param classifierEndpoint string = ''
@secure()
@description('The key for classifierEndpoint, if it takes one.')
param classifierKey string = ''
@description('Deploy an Azure AI Vision account for the workers (its Responsible AI terms must be accepted once: docs/deploy.md). False: the self-hosted classifier.')
param deployVision bool = false
@description('Azure AI Vision region: Image Analysis 4.0 (and captions) exist in some regions only; empty: location.')
param visionLocation string = ''
param visionSku string = 'S1'
@secure()
@description('The self-hosted classifier\'s key; empty: a generated one (a new one each provisioning).')
param classifierServiceKey string = ''
@secure()
param generatedClassifierServiceKey string = newGuid()

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

var token = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var names = {
  resourceGroup: 'rg-${environmentName}'
  identity: 'id-newsdesk-${token}'
  workerIdentity: 'id-newsdesk-worker-${token}'
  classifierIdentity: 'id-newsdesk-classifier-${token}'
  network: 'vnet-newsdesk-${token}'
  containerEnvironment: 'cae-newsdesk-${token}'
  workerJob: 'caj-newsdesk-worker-${token}'
  classifierApp: 'ca-newsdesk-classifier-${token}'
  durableScheduler: 'dts-newsdesk-${token}'
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
  mailboxApiKey: 'mailbox-api-key'
  firstClientApiKey: 'first-client-api-key'
  firstClientWebhookSecret: 'first-client-webhook-secret'
  adminKey: 'admin-key'
  jobTokenKey: 'job-token-key'
  jobTokenKeyPrevious: 'job-token-key-previous'
  staffAuthClientSecret: 'staff-auth-client-secret'
}

var images = { worker: 'newsdesk-worker', classifier: 'newsdesk-classifier' }
// Until the hook has built the images, the job and the app start from a public one (Container Apps pulls a revision's
// image when it is created).
var placeholderImage = 'mcr.microsoft.com/k8se/quickstart:latest'
var workersRegion = empty(workersLocation) ? location : workersLocation
var visionRegion = empty(visionLocation) ? location : visionLocation
var useVision = deployVision && empty(classifierEndpoint)
var selfHostedClassifier = !deployVision && empty(classifierEndpoint)
var classifierServiceSecret = empty(classifierServiceKey) ? generatedClassifierServiceKey : classifierServiceKey
// Each serverless GPU profile's whole machine is one worker's (main.bicep's sizes stay within each profile's limits).
var workerProfiles = {
  '': { profile: 'Consumption', type: '', cpu: '4.0', memory: '8Gi' }
  T4: { profile: 'gpu', type: 'Consumption-GPU-NC8as-T4', cpu: '8.0', memory: '56Gi' }
  A100: { profile: 'gpu', type: 'Consumption-GPU-NC24-A100', cpu: '24.0', memory: '220Gi' }
}
var workerProfile = workerProfiles[workerGpu]
// The app creates the client only when both are set (app/config.ts: devClient).
var firstClient = !empty(firstClientApiKey) && !empty(firstClientWebhookSecret)

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: names.resourceGroup
  location: location
  tags: tags
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

// The self-hosted classifier's identity: it pulls the classifier image and may do nothing else (classifier.bicep).
module classifierIdentity 'modules/identity.bicep' = if (selfHostedClassifier) {
  name: 'classifier-identity'
  scope: rg
  params: { name: names.classifierIdentity, location: location, tags: tags }
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

module vision 'modules/vision.bicep' = if (useVision) {
  name: 'vision'
  scope: rg
  params: {
    name: names.vision
    location: visionRegion
    tags: tags
    sku: visionSku
  }
}

// Read only when the account is deployed: ARM evaluates the one branch of a condition that holds.
resource visionAccount 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  scope: rg
  name: names.vision
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  scope: rg
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    serviceBusNamespaceName: serviceBus.outputs.namespaceName
    workQueueName: serviceBus.outputs.queueName
    topicName: eventGrid.outputs.name
    keyVaultName: keyVault.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
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

module durableScheduler 'modules/durable-scheduler.bicep' = if (durableBackend == 'scheduler') {
  name: 'durable-scheduler'
  scope: rg
  params: {
    name: names.durableScheduler
    location: location
    tags: tags
    // host.json's hub name: the same orchestrations, whichever backend keeps them.
    taskHubName: 'NewsdeskHub'
    principalId: identity.outputs.principalId
  }
}

module network 'modules/network.bicep' = {
  name: 'network'
  scope: rg
  params: { name: names.network, location: workersRegion, tags: tags }
}

module containerEnvironment 'modules/container-environment.bicep' = {
  name: 'container-environment'
  scope: rg
  params: {
    name: names.containerEnvironment
    location: workersRegion
    tags: tags
    logAnalyticsWorkspaceName: monitoring.outputs.workspaceName
    subnetId: network.outputs.environmentSubnetId
    gpuProfileType: workerProfile.type
    gpuProfileName: 'gpu'
  }
}

module classifier 'modules/classifier.bicep' = if (selfHostedClassifier) {
  name: 'classifier'
  scope: rg
  params: {
    name: names.classifierApp
    location: workersRegion
    tags: tags
    environmentId: containerEnvironment.outputs.id
    registryName: registry.outputs.name
    registryServer: registry.outputs.loginServer
    image: empty(imageTag) ? placeholderImage : '${registry.outputs.loginServer}/${images.classifier}:${imageTag}'
    identityId: classifierIdentity.outputs.id
    identityPrincipalId: classifierIdentity.outputs.principalId
    key: classifierServiceSecret
  }
}

module workers 'modules/workers.bicep' = {
  name: 'workers'
  scope: rg
  params: {
    name: names.workerJob
    location: workersRegion
    tags: tags
    environmentId: containerEnvironment.outputs.id
    image: empty(imageTag) ? placeholderImage : '${registry.outputs.loginServer}/${images.worker}:${imageTag}'
    registryServer: registry.outputs.loginServer
    workerIdentityId: workerIdentity.outputs.id
    workerIdentityClientId: workerIdentity.outputs.clientId
    workloadProfileName: workerProfile.profile
    cpu: workerProfile.cpu
    memory: workerProfile.memory
    concurrency: workerConcurrency
    serviceBusQueue: identityOnly
    workQueueName: workQueueName
    serviceBusNamespaceName: serviceBus.outputs.namespaceName
    serviceBusNamespace: serviceBus.outputs.fullyQualifiedNamespace
    storageAccountName: storage.outputs.name
    pollingIntervalSeconds: workerPollingIntervalSeconds
    replicaTimeoutSeconds: workerReplicaTimeoutSeconds
    classifierEndpoint: useVision ? vision.outputs.endpoint : selfHostedClassifier ? classifier.outputs.endpoint : classifierEndpoint
    classifierKey: useVision ? visionAccount.listKeys().key1 : selfHostedClassifier ? classifierServiceSecret : classifierKey
    appInsightsConnectionString: monitoring.outputs.connectionString
  }
  // The KEDA rule and the image pull run as the workers' identity: its roles come first.
  dependsOn: [workerRoles]
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
    // The self-hosted classifier has internal ingress: the function app, outside the environment, cannot probe it.
    classifierEndpoint: useVision ? vision.outputs.endpoint : classifierEndpoint
    durableSchedulerEndpoint: durableBackend == 'scheduler' ? durableScheduler.outputs.endpoint : ''
    durableTaskHubName: durableBackend == 'scheduler' ? durableScheduler.outputs.taskHubName : ''
    firstClient: firstClient
    firstClientWebhookUrl: firstClientWebhookUrl
    firstClientMailSenders: firstClientMailSenders
    adminKeyInVault: !empty(adminKey)
    jobTokenKeyPreviousInVault: !empty(jobTokenKeyPrevious)
    opsWebhookUrl: opsWebhookUrl
    // API Management's gateway (its API lives at /api, as the app's routes do); by name, since the gateway is made after the app.
    publicUrl: 'https://${names.apim}.azure-api.net'
    cancelledRetention: cancelledRetention
    staffAuthClientId: staffAuthClientId
    staffAuthTenantId: staffAuthTenantId
    staffAuthSecretInVault: !empty(staffAuthClientSecret)
  }
  // Key Vault references resolve at start-up: the identity must be able to read them by then.
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
    rateLimitCalls: rateLimitCallsPerMinute
    rateLimitPeriodSeconds: 60
    quotaCalls: quotaCalls
    quotaPeriodSeconds: quotaPeriodSeconds
    mailboxApiKey: mailboxApiKey
    firstClientApiKey: firstClient ? firstClientApiKey : ''
  }
}

// Only API Management, Event Grid, the workers and the operators reach the function app.
module functionAppAccess 'modules/functionapp-access.bicep' = {
  name: 'functionapp-access'
  scope: rg
  params: {
    functionAppName: functionApp.outputs.name
    apimIpAddresses: apim.outputs.publicIpAddresses
    workersSubnetId: network.outputs.environmentSubnetId
    operatorIpRanges: empty(operatorIpRanges) ? [] : map(split(operatorIpRanges, ','), range => trim(range))
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
output NEWSDESK_WORKER_IMAGE string = images.worker
output NEWSDESK_CLASSIFIER_IMAGE string = images.classifier
output NEWSDESK_WORKER_JOB_NAME string = workers.outputs.name
output NEWSDESK_CLASSIFIER_APP_NAME string = selfHostedClassifier ? classifier.outputs.name : ''
output NEWSDESK_API_URL string = apim.outputs.apiUrl
output NEWSDESK_FUNCTIONS_URL string = functionApp.outputs.apiBaseUrl
output NEWSDESK_MAILBOX_CONNECTION string = deployMailbox ? logicApp.outputs.connectionName : ''
// What the postdeploy hook needs for the Event Grid subscription (modules/eventgrid-subscription.bicep).
output NEWSDESK_EVENTGRID_TOPIC_NAME string = eventGrid.outputs.name
output NEWSDESK_FUNCTION_APP_ID string = functionApp.outputs.id
output NEWSDESK_STORAGE_ACCOUNT_ID string = storage.outputs.id
output NEWSDESK_EVENTGRID_DEADLETTER_CONTAINER string = containers.eventGridDeadLetter
output NEWSDESK_IDENTITY_ID string = identity.outputs.id
