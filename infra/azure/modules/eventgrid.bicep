// The custom topic ingest publishes to (EventGridEventPublisher sends CloudEvents 1.0). The topic carries the
// identity so that its subscriptions can dead-letter to Blob Storage without a key (eventgrid-subscription.bicep).
// With local auth (main.bicep: identityOnly false) the topic key goes to Key Vault for the app's publisher.
param name string
param location string
param tags object
param identityId string

@description('Whether the topic takes its access keys; false: Entra ID only (EventGrid Data Sender).')
param localAuth bool
param keyVaultName string
param keySecretName string

resource topic 'Microsoft.EventGrid/topics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    inputSchema: 'CloudEventSchemaV1_0'
    publicNetworkAccess: 'Enabled'
    disableLocalAuth: !localAuth
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource topicKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (localAuth) {
  parent: vault
  name: keySecretName
  properties: { value: topic.listKeys().key1 }
}

output name string = topic.name
output endpoint string = topic.properties.endpoint
