// The one user-assigned identity that the function app (its code, its Key Vault references), Event Grid's
// dead-lettering and the worker container groups' image pulls run as. What it may do: roles.bicep, workers.bicep.
param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
