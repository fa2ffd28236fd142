// The workers: an event-driven Container Apps job. KEDA (run by Container Apps) watches the work queue as the workers'
// own identity and starts executions; each execution is one worker that drains the queue and exits once it has had
// nothing to do for the rule's cool-down (NEWSDESK_WORKER_EXIT_WHEN_IDLE; docs/deploy.md explains why it drains rather
// than takes one message). The scaling rule is workers/scaling/scaling-rule.json, the file the one-machine runner
// (npm start) reads too. No keys: the job runs and pulls as the workers' identity (worker-roles.bicep).
param name string
param location string
param tags object
param environmentId string

@description('The worker image, `<registry>/<repository>:<tag>`, or a public placeholder until the first build.')
param image string
param registryServer string

@description('Resource id and client id of the workers\' own identity: the job runs, pulls and scales as it.')
param workerIdentityId string
param workerIdentityClientId string

@description('The workload profile: Consumption (CPU), or the environment\'s GPU profile.')
param workloadProfileName string
@description('vCPU and memory of one worker, within its profile: Consumption up to 4 vCPU / 8Gi (1:2); T4 8 / 56Gi; A100 24 / 220Gi.')
param cpu string
param memory string

@description('Jobs one worker works on at once (NEWSDESK_WORKER_CONCURRENCY).')
param concurrency int

@description('True: the Service Bus queue (identityOnly); false: the Storage queue. Each has its KEDA scaler.')
param serviceBusQueue bool
param workQueueName string
param serviceBusNamespaceName string
param serviceBusNamespace string
param storageAccountName string

@description('How often KEDA looks at the queue, in seconds.')
param pollingIntervalSeconds int
@description('An execution\'s longest life. Past it, the worker gets SIGTERM and gives its jobs back (no delivery spent).')
param replicaTimeoutSeconds int

@description('Image Analysis 4.0 endpoint the workers call (Azure AI Vision, the self-hosted classifier, or yours).')
param classifierEndpoint string
@secure()
param classifierKey string
@secure()
param appInsightsConnectionString string

// One rule for Azure and for npm start: messages per worker, fewest and most workers, idle time before one goes.
var rule = loadJsonContent('../../../workers/scaling/scaling-rule.json')

var serviceBusRule = {
  name: 'work-queue'
  type: 'azure-servicebus'
  // KEDA reads the queue's active message count (runtime properties need the Manage right: worker-roles.bicep).
  metadata: { namespace: serviceBusNamespaceName, queueName: workQueueName, messageCount: string(rule.messagesPerReplica) }
  identity: workerIdentityId
}

var storageQueueRule = {
  name: 'work-queue'
  type: 'azure-queue'
  metadata: { accountName: storageAccountName, queueName: workQueueName, queueLength: string(rule.messagesPerReplica) }
  identity: workerIdentityId
}

// The names workers/config.ts reads (app-settings.test.ts loads the worker's config from them).
var workerSettings = [
  // DefaultAzureCredential picks the workers' identity by this.
  { name: 'AZURE_CLIENT_ID', value: workerIdentityClientId }
  { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
  { name: 'NEWSDESK_WORK_QUEUE', value: workQueueName }
  { name: 'NEWSDESK_WORKER_CONCURRENCY', value: string(concurrency) }
  { name: 'NEWSDESK_WORKER_EXIT_WHEN_IDLE', value: 'PT${rule.coolDownSeconds}S' }
  { name: 'NEWSDESK_CLASSIFIER_ENDPOINT', value: classifierEndpoint }
  { name: 'NEWSDESK_CLASSIFIER_KEY', secretRef: 'classifier-key' }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', secretRef: 'appinsights-connection' }
]

// With the Service Bus queue: the namespace, reached as the identity; without it, the Storage queue in the account.
var serviceBusSettings = [
  { name: 'NEWSDESK_SERVICEBUS_NAMESPACE', value: serviceBusNamespace }
]

resource job 'Microsoft.App/jobs@2025-01-01' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${workerIdentityId}': {} }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: workloadProfileName
    configuration: {
      triggerType: 'Event'
      replicaTimeout: replicaTimeoutSeconds
      // A worker that crashes is started once more; its jobs came back to the queue when their locks lapsed anyway.
      replicaRetryLimit: 1
      eventTriggerConfig: {
        // One worker per execution, done when it exits.
        parallelism: 1
        replicaCompletionCount: 1
        scale: {
          minExecutions: rule.minReplicas
          maxExecutions: rule.maxReplicas
          pollingInterval: pollingIntervalSeconds
          rules: [serviceBusQueue ? serviceBusRule : storageQueueRule]
        }
      }
      registries: [{ server: registryServer, identity: workerIdentityId }]
      secrets: [
        { name: 'classifier-key', value: classifierKey }
        { name: 'appinsights-connection', value: appInsightsConnectionString }
      ]
    }
    template: {
      containers: [
        {
          name: 'worker'
          image: image
          resources: { cpu: json(cpu), memory: memory }
          env: concat(workerSettings, serviceBusQueue ? serviceBusSettings : [])
        }
      ]
    }
  }
}

output name string = job.name
