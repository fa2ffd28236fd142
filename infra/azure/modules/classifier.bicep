// Newsdesk's own classifier (classifier/, Image Analysis 4.0 compatible) as a Container App, deployed when main.bicep
// is given no Azure AI Vision account and no other endpoint. Internal ingress: only the environment's workers reach it.
// It scales on HTTP concurrency, to zero when no one calls. Its identity pulls its image and may do nothing else.
param name string
param location string
param tags object
param environmentId string
param registryName string
param registryServer string

@description('The classifier image, or a public placeholder until the first build (the hook swaps it in).')
param image string
param identityId string
param identityPrincipalId string

@secure()
@description('The key callers send in Ocp-Apim-Subscription-Key (NEWSDESK_CLASSIFIER_KEY).')
param key string

@description('Requests one replica takes at once before another starts: its service concurrency plus its queue.')
param concurrentRequests int = 4
param maxReplicas int = 4
param cpu string = '2.0'
param memory string = '4Gi'

var port = 7072
var acrPull = '7f951dda-4ed3-4680-a7ca-43fe172d538d'

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

// First used when the postprovision hook replaces the placeholder image, minutes after this assignment.
resource imagePull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, identityPrincipalId, acrPull)
  scope: registry
  properties: {
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPull)
  }
}

resource app 'Microsoft.App/containerApps@2025-01-01' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: 'Consumption'
    configuration: {
      ingress: { external: false, targetPort: port, transport: 'http', allowInsecure: false }
      registries: [{ server: registryServer, identity: identityId }]
      secrets: [{ name: 'classifier-key', value: key }]
    }
    template: {
      containers: [
        {
          name: 'classifier'
          image: image
          resources: { cpu: json(cpu), memory: memory }
          env: [
            { name: 'NEWSDESK_CLASSIFIER_HOST', value: '0.0.0.0' }
            { name: 'NEWSDESK_CLASSIFIER_PORT', value: string(port) }
            { name: 'NEWSDESK_CLASSIFIER_KEY', secretRef: 'classifier-key' }
          ]
        }
      ]
      scale: {
        minReplicas: 0
        maxReplicas: maxReplicas
        rules: [{ name: 'http', http: { metadata: { concurrentRequests: string(concurrentRequests) } } }]
      }
    }
  }
  dependsOn: [imagePull]
}

output name string = app.name
output endpoint string = 'https://${app.properties.configuration.ingress.fqdn}'
