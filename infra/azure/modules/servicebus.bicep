// The Service Bus work queue (ServiceBusJobQueue), used when main.bicep's identityOnly is on. Standard tier:
// duplicate detection needs it, and the adapter sends each job with its job id as messageId so that a re-sent job is
// dropped. Local (SAS key) auth is off: nothing holds a key; the identity sends and receives (roles.bicep).
param name string
param location string
param tags object
param queueName string

@description('The peek-lock length. Service Bus takes no per-receive lock time, so it must match what workers ask for (NEWSDESK_WORKER_LOCK).')
param lockDuration string

@description('The broker\'s own dead-letter backstop; the worker dead-letters with a reason first, after NEWSDESK_WORKER_MAX_DELIVERIES.')
param maxDeliveryCount int

@description('How long a job id is remembered for duplicate detection; at least the longest analysis deadline.')
param duplicateDetectionWindow string = 'PT2H'

@description('A job older than this is dead-lettered unread: its file has long since escalated.')
param messageTimeToLive string = 'P1D'

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: 'Standard', tier: 'Standard' }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
  }
}

resource queue 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: namespace
  name: queueName
  properties: {
    lockDuration: lockDuration
    maxDeliveryCount: maxDeliveryCount
    deadLetteringOnMessageExpiration: true
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    defaultMessageTimeToLive: messageTimeToLive
    enableBatchedOperations: true
  }
}

output namespaceName string = namespace.name
output queueName string = queue.name
// `<name>.servicebus.windows.net`, what ServiceBusClient takes with a credential (NEWSDESK_SERVICEBUS_NAMESPACE).
output fullyQualifiedNamespace string = replace(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':443/', '')
