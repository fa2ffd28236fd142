// A user-assigned identity. main.bicep makes two: the function app's (its code, its Key Vault references, Event Grid's
// dead-lettering; what it may do: roles.bicep, workers.bicep) and the worker containers' (they run and pull their
// image as it; what it may do: worker-roles.bicep).
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
