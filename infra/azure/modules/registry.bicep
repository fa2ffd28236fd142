// The registry the worker image (workers/Dockerfile) is pushed to. No admin user: container groups pull with the
// identity (AcrPull, roles.bicep), as aciContainerGroup() asks with `imageRegistryCredentials[].identity`.
param name string
param location string
param tags object
param sku string = 'Basic'

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: sku }
  properties: {
    adminUserEnabled: false
    publicNetworkAccess: 'Enabled'
  }
}

output name string = registry.name
output loginServer string = registry.properties.loginServer
