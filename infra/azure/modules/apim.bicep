// API Management in front of the ingest API. One product for clients, subscription required; each subscription has
// its own rate limit and quota (apim/product-policy.xml). The subscription key travels in `x-api-key`, the header
// the app checks too, so a client's APIM key and its Newsdesk API key are one and the same value, and the Logic App
// (which sends only x-api-key) passes the gateway with the mailbox key.
param name string
param location string
param tags object

@description('rate-limit-by-key and quota-by-key exist in the classic tiers only (not Consumption, not the v2 tiers).')
@allowed(['Developer', 'Basic', 'Standard', 'Premium'])
param sku string
param publisherEmail string
param publisherName string

@description('The function app\'s `https://<host>/api`.')
param backendUrl string

param rateLimitCalls int
param rateLimitPeriodSeconds int
param quotaCalls int
param quotaPeriodSeconds int

@secure()
param mailboxApiKey string
@secure()
@description('The first client\'s key (main.bicep: firstClientApiKey), or empty.')
param firstClientApiKey string = ''

// The routes the app registers in ingest/ (apim.test.ts compares them). Left out: GET /health (no key; the function
// app answers it directly) and the desk's staff API under /staff/ (staff sign-in, served by the function app itself).
var operations = [
  { name: 'listSubmissions', method: 'GET', urlTemplate: '/submissions', statusUrl: false }
  { name: 'postSubmission', method: 'POST', urlTemplate: '/submissions', statusUrl: true }
  { name: 'postEmail', method: 'POST', urlTemplate: '/submissions/email', statusUrl: true }
  { name: 'getSubmission', method: 'GET', urlTemplate: '/submissions/{id}', statusUrl: false }
  { name: 'deleteSubmission', method: 'DELETE', urlTemplate: '/submissions/{id}', statusUrl: false }
  { name: 'submissionEvents', method: 'GET', urlTemplate: '/submissions/{id}/events', statusUrl: false }
  { name: 'watchSubmissions', method: 'GET', urlTemplate: '/submissions/events', statusUrl: false }
  { name: 'getFile', method: 'GET', urlTemplate: '/submissions/{id}/files/{fileId}', statusUrl: false }
  { name: 'getFileAsset', method: 'GET', urlTemplate: '/submissions/{id}/files/{fileId}/{asset}', statusUrl: false }
  { name: 'listDeliveries', method: 'GET', urlTemplate: '/submissions/{id}/deliveries', statusUrl: false }
  { name: 'replayDelivery', method: 'POST', urlTemplate: '/submissions/{id}/deliveries/replay', statusUrl: false }
  { name: 'createUploadSession', method: 'POST', urlTemplate: '/uploads', statusUrl: false }
  { name: 'commitUploadSession', method: 'POST', urlTemplate: '/uploads/{id}/commit', statusUrl: true }
  { name: 'getSummarySchema', method: 'GET', urlTemplate: '/schemas/submission-summary.v1.json', statusUrl: false }
]

var backendId = 'functions'

var apiPolicy = replace(loadTextContent('../apim/api-policy.xml'), '__BACKEND_ID__', backendId)
var productPolicyTemplate = loadTextContent('../apim/product-policy.xml')
var productPolicyRate = replace(replace(productPolicyTemplate, '__RATE_LIMIT_CALLS__', string(rateLimitCalls)), '__RATE_LIMIT_PERIOD__', string(rateLimitPeriodSeconds))
var productPolicy = replace(replace(productPolicyRate, '__QUOTA_CALLS__', string(quotaCalls)), '__QUOTA_PERIOD__', string(quotaPeriodSeconds))

resource service 'Microsoft.ApiManagement/service@2024-05-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: sku, capacity: 1 }
  identity: { type: 'SystemAssigned' }
  properties: {
    publisherEmail: publisherEmail
    publisherName: publisherName
  }
}

// No host key: the function app's routes are anonymous (the app checks each client's key), and its access
// restrictions let only this gateway's addresses in (functionapp-access.bicep), so there is nothing to bypass.
resource backend 'Microsoft.ApiManagement/service/backends@2024-05-01' = {
  parent: service
  name: backendId
  properties: {
    protocol: 'http'
    url: backendUrl
  }
}

resource api 'Microsoft.ApiManagement/service/apis@2024-05-01' = {
  parent: service
  name: 'newsdesk'
  properties: {
    displayName: 'Newsdesk'
    path: 'api'
    protocols: ['https']
    serviceUrl: backendUrl
    subscriptionRequired: true
    subscriptionKeyParameterNames: { header: 'x-api-key', query: 'subscription-key' }
  }
}

resource apiPolicyResource 'Microsoft.ApiManagement/service/apis/policies@2024-05-01' = {
  parent: api
  name: 'policy'
  properties: { format: 'rawxml', value: apiPolicy }
  dependsOn: [backend]
}

resource apiOperations 'Microsoft.ApiManagement/service/apis/operations@2024-05-01' = [
  for op in operations: {
    parent: api
    name: op.name
    properties: {
      displayName: op.name
      method: op.method
      urlTemplate: op.urlTemplate
      // Every {parameter} in the template must be declared on the operation, or API Management refuses it.
      templateParameters: map(filter(['id', 'fileId', 'asset'], p => contains(op.urlTemplate, '{${p}}')), p => { name: p, type: 'string', required: true })
    }
  }
]

resource statusUrlPolicies 'Microsoft.ApiManagement/service/apis/operations/policies@2024-05-01' = [
  for op in filter(operations, o => o.statusUrl): {
    name: '${service.name}/${api.name}/${op.name}/policy'
    properties: { format: 'rawxml', value: loadTextContent('../apim/status-url-policy.xml') }
    dependsOn: [apiOperations]
  }
]

resource product 'Microsoft.ApiManagement/service/products@2024-05-01' = {
  parent: service
  name: 'newsdesk-clients'
  properties: {
    displayName: 'Newsdesk clients'
    description: 'Submit media and receive analysed results. One subscription per client; its key is the x-api-key.'
    subscriptionRequired: true
    approvalRequired: true
    state: 'published'
  }
}

resource productApi 'Microsoft.ApiManagement/service/products/apis@2024-05-01' = {
  parent: product
  name: api.name
}

resource productPolicyResource 'Microsoft.ApiManagement/service/products/policies@2024-05-01' = {
  parent: product
  name: 'policy'
  properties: { format: 'rawxml', value: productPolicy }
}

resource mailbox 'Microsoft.ApiManagement/service/subscriptions@2024-05-01' = {
  parent: service
  name: 'mailbox'
  properties: {
    displayName: 'Mailbox (Logic App)'
    scope: '/products/${product.name}'
    primaryKey: mailboxApiKey
    state: 'active'
  }
}

resource firstClient 'Microsoft.ApiManagement/service/subscriptions@2024-05-01' = if (!empty(firstClientApiKey)) {
  parent: service
  name: 'first-client'
  properties: {
    displayName: 'First client'
    scope: '/products/${product.name}'
    primaryKey: firstClientApiKey
    state: 'active'
  }
}

output name string = service.name
output apiUrl string = '${service.properties.gatewayUrl}/${api.properties.path}'
@description('The gateway\'s outbound addresses: the function app lets these in and no one else (functionapp-access.bicep).')
output publicIpAddresses array = service.properties.publicIPAddresses
