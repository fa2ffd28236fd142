// The storage account: media and results (blobs), the Storage work queue (main.bicep: identityOnly false), the
// app's tables, the Durable Functions task hub and the Flex Consumption deployment package.
param name string
param location string
param tags object
param sku string

@description('Whether account keys (and SAS signed with them) work; main.bicep: !identityOnly.')
param sharedKeyAccess bool

@description('Blob containers the app writes, plus the deployment package container.')
param containers array
param queues array
param tables array

@description('Container of the originals (`incoming/{submissionId}/{fileId}`).')
param originalsContainer string
param retentionContainer string
param deadLetterContainer string
param originalsCoolAfterDays int
param originalsDeleteAfterDays int
param retentionDeleteAfterDays int
param deadLetterDeleteAfterDays int

param keyVaultName string
param connectionStringSecretName string

@description('Browser origins that may PUT blocks with SAS URLs and GET blobs (the desk, on the function app\'s origin).')
param corsOrigins array

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: sku }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: sharedKeyAccess
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: { bypass: 'AzureServices', defaultAction: 'Allow' }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    // The desk's block uploads (`?comp=block`, `?comp=blocklist`) and SAS pictures: the same rule npm start sets on Azurite.
    cors: {
      corsRules: [
        {
          allowedOrigins: corsOrigins
          allowedMethods: ['PUT', 'GET', 'HEAD', 'OPTIONS']
          allowedHeaders: ['x-ms-*', 'content-type']
          exposedHeaders: ['x-ms-*', 'etag', 'content-length', 'content-type']
          maxAgeInSeconds: 3600
        }
      ]
    }
  }
}

resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for container in containers: {
    parent: blobService
    name: container
    properties: { publicAccess: 'None' }
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource storageQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [
  for queue in queues: {
    parent: queueService
    name: queue
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource storageTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for table in tables: {
    parent: tableService
    name: table
  }
]

// Originals are read in the first minutes by a worker, then rarely: cool them, and delete them after a year.
// Dead-lettered events are kept long enough to replay. Results stay (they are the product).
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'originals'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: ['blockBlob'], prefixMatch: ['${originalsContainer}/'] }
            actions: {
              baseBlob: {
                tierToCool: { daysAfterModificationGreaterThan: originalsCoolAfterDays }
                delete: { daysAfterModificationGreaterThan: originalsDeleteAfterDays }
              }
            }
          }
        }
        {
          name: 'retained-originals'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: ['blockBlob'], prefixMatch: ['${retentionContainer}/'] }
            actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: retentionDeleteAfterDays } } }
          }
        }
        {
          name: 'dead-letters'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: ['blockBlob'], prefixMatch: ['${deadLetterContainer}/'] }
            actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: deadLetterDeleteAfterDays } } }
          }
        }
      ]
    }
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

// Only with shared keys: the app's AzureWebJobsStorage connection string (main.bicep: identityOnly false).
resource connectionString 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (sharedKeyAccess) {
  parent: vault
  name: connectionStringSecretName
  properties: {
    value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
  }
}

output name string = storage.name
output id string = storage.id
output blobEndpoint string = storage.properties.primaryEndpoints.blob
