// The Container Apps environment's own subnet. It exists for one reason: the workers call the function app back
// (POST /api/jobs/{jobId}/events/{name}), and the function app lets in only API Management, Event Grid and this
// subnet (functionapp-access.bicep). A Microsoft.Web service endpoint on the subnet makes that rule possible without a
// NAT gateway or private endpoints. Workload-profiles environments need at least a /27, delegated to Microsoft.App.
param name string
param location string
param tags object
param addressPrefix string = '10.40.0.0/16'
param environmentSubnetPrefix string = '10.40.0.0/23'

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: { addressPrefixes: [addressPrefix] }
    subnets: [
      {
        name: 'container-apps'
        properties: {
          addressPrefix: environmentSubnetPrefix
          delegations: [{ name: 'container-apps', properties: { serviceName: 'Microsoft.App/environments' } }]
          serviceEndpoints: [{ service: 'Microsoft.Web' }]
        }
      }
    ]
  }
}

output environmentSubnetId string = vnet.properties.subnets[0].id
