// Who may call the function app. Its routes are anonymous (the app checks each client's key itself), so the gateway's
// quota and rate limit hold only if nobody can go around API Management: everything is refused but the gateway's
// addresses, Event Grid (startSubmission), the workers' subnet (their job events, POST /api/jobs/...) and the
// operators' ranges (the desk and its staff API, the health check). The deployment endpoint (scm) keeps its own
// rules: azd deploys there, signed in with Entra ID. Deployed after API Management, whose addresses it needs.
param functionAppName string
@description('API Management\'s public addresses (apim.bicep: publicIpAddresses).')
param apimIpAddresses array
@description('The Container Apps environment\'s subnet, which has a Microsoft.Web service endpoint (network.bicep).')
param workersSubnetId string
@description('CIDR ranges of the desk\'s users and operators; empty: the desk is reachable from nowhere.')
param operatorIpRanges array

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

var gateway = [for (ip, i) in apimIpAddresses: { name: 'apim-${i}', action: 'Allow', priority: 100 + i, ipAddress: '${ip}/32', tag: 'Default' }]
var platform = [
  { name: 'event-grid', action: 'Allow', priority: 200, ipAddress: 'AzureEventGrid', tag: 'ServiceTag' }
  { name: 'workers', action: 'Allow', priority: 300, vnetSubnetResourceId: workersSubnetId }
]
var operators = [for (range, i) in operatorIpRanges: { name: 'operators-${i}', action: 'Allow', priority: 400 + i, ipAddress: range, tag: 'Default' }]

resource web 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'web'
  properties: {
    minTlsVersion: '1.2'
    ipSecurityRestrictionsDefaultAction: 'Deny'
    ipSecurityRestrictions: concat(gateway, platform, operators)
    scmIpSecurityRestrictionsUseMain: false
    scmIpSecurityRestrictionsDefaultAction: 'Allow'
  }
}
