// Key Vault for the secrets the app still needs (client keys, and the service keys its adapters take today).
// RBAC mode: the identity reads secrets as Key Vault Secrets User (roles.bicep); nobody gets access policies.
param name string
param location string
param tags object

@secure()
@description('Secrets given as parameters, name → value; an empty value is not stored.')
param secrets object = {}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource given 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [
  for secret in items(secrets): if (!empty(secret.value)) {
    parent: vault
    name: secret.key
    properties: { value: secret.value }
  }
]

output name string = vault.name
output uri string = vault.properties.vaultUri
