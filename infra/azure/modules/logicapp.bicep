// The mailbox Logic App (Consumption): the workflow definition from logicapp/workflow.json, unchanged, with its three
// parameters set here. The Office 365 Outlook connection is a parameter: an existing authorised connection, or a new
// one that someone must authorise once in the portal (docs/deploy.md, "After the first deployment").
param name string
param location string
param tags object

@description('Resource id of an authorised `office365` API connection; empty creates one (unauthorised).')
param office365ConnectionId string = ''

@description('The gateway URL of POST /api/submissions/email.')
param ingestEmailUrl string

@secure()
param mailboxApiKey string

var createConnection = empty(office365ConnectionId)
var managedApiId = subscriptionResourceId('Microsoft.Web/locations/managedApis', location, 'office365')

resource connection 'Microsoft.Web/connections@2016-06-01' = if (createConnection) {
  name: 'office365'
  location: location
  tags: tags
  properties: {
    displayName: 'Newsdesk mailbox'
    api: { id: managedApiId }
  }
}

resource workflow 'Microsoft.Logic/workflows@2019-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    state: 'Enabled'
    definition: loadJsonContent('../logicapp/workflow.json')
    parameters: {
      '$connections': {
        value: {
          office365: {
            connectionId: createConnection ? connection.id : office365ConnectionId
            connectionName: 'office365'
            id: managedApiId
          }
        }
      }
      ingestEmailUrl: { value: ingestEmailUrl }
      mailboxApiKey: { value: mailboxApiKey }
    }
  }
}

output name string = workflow.name
output connectionName string = createConnection ? connection.name : last(split(office365ConnectionId, '/'))
