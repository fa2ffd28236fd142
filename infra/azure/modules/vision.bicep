// Azure AI Vision (Image Analysis 4.0), the classifier the workers call unless main.bicep is given another endpoint.
// The worker's adapter sends `Ocp-Apim-Subscription-Key`, so local auth stays on and the key goes to Key Vault.
// Image Analysis 4.0 (and captions) exist in some regions only: main.bicep's visionLocation.
param name string
param location string
param tags object
param sku string = 'S1'
param keyVaultName string
param keySecretName string

resource vision 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  location: location
  tags: tags
  kind: 'ComputerVision'
  sku: { name: sku }
  properties: {
    customSubDomainName: name
    publicNetworkAccess: 'Enabled'
    disableLocalAuth: false
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource visionKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: keySecretName
  properties: { value: vision.listKeys().key1 }
}

output name string = vision.name
output endpoint string = vision.properties.endpoint
