// Second pass (main.bicep: appDeployed): copies the function app's default host key into Key Vault, where API
// Management reads it as a named value and sends it to the backend as `x-functions-key`. The host makes its keys
// when it first starts, which is why this waits until the code is deployed.
param functionAppName string
param keyVaultName string
param secretName string

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource hostKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: secretName
  properties: { value: listKeys('${site.id}/host/default', '2024-04-01').functionKeys.default }
}

// Versionless: API Management picks up a rotated key on its own.
output secretUri string = '${vault.properties.vaultUri}secrets/${hostKey.name}'
