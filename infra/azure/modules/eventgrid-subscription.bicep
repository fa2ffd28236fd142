// Newsdesk.Submission.Received → the startSubmission function (orchestrator/start-submission.ts), the subscription
// local.eventgrid.json declares for `npm start`. Event Grid checks that the function exists when the subscription is
// created, so this is the second pass, after the code is deployed (main.bicep: appDeployed; the azd postdeploy hook).
param topicName string
param subscriptionName string
param functionAppId string
param functionName string
param eventTypes array
param deadLetterStorageId string
param deadLetterContainer string
param identityId string

@description('Event Grid\'s defaults: 30 attempts within a day, then the event is dead-lettered.')
param maxDeliveryAttempts int = 30
param eventTimeToLiveInMinutes int = 1440

resource topic 'Microsoft.EventGrid/topics@2025-02-15' existing = {
  name: topicName
}

resource subscription 'Microsoft.EventGrid/topics/eventSubscriptions@2025-02-15' = {
  parent: topic
  name: subscriptionName
  properties: {
    destination: {
      endpointType: 'AzureFunction'
      properties: {
        resourceId: '${functionAppId}/functions/${functionName}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    eventDeliverySchema: 'CloudEventSchemaV1_0'
    filter: { includedEventTypes: eventTypes }
    retryPolicy: {
      maxDeliveryAttempts: maxDeliveryAttempts
      eventTimeToLiveInMinutes: eventTimeToLiveInMinutes
    }
    deadLetterWithResourceIdentity: {
      identity: { type: 'UserAssigned', userAssignedIdentity: identityId }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: { resourceId: deadLetterStorageId, blobContainerName: deadLetterContainer }
      }
    }
  }
}

output name string = subscription.name
