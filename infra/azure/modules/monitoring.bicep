// Log Analytics + workspace-based Application Insights. The Functions host sends with the identity
// (APPLICATIONINSIGHTS_AUTHENTICATION_STRING; Monitoring Metrics Publisher in roles.bicep). Local (instrumentation
// key) auth stays on while the app's and workers' OpenTelemetry exporter (adapters/telemetry) sends with the
// connection string alone; turn it off (DisableLocalAuth) once the exporter is given a credential.
param workspaceName string
param appInsightsName string
param location string
param tags object
@minValue(30)
param retentionInDays int = 30

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: false
  }
}

output workspaceName string = workspace.name
output appInsightsName string = appInsights.name
output connectionString string = appInsights.properties.ConnectionString
