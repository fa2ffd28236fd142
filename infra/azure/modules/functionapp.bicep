// The function app (app/index.ts) on Flex Consumption, Node 22, running as the user-assigned identity. Its app
// settings are generated from the names app/config.ts reads (app-settings.test.ts runs loadConfig on them): nothing
// differs between `npm start` and Azure but settings. The Durable Functions task hub (host.json: NewsdeskHub) uses
// the Azure Storage provider on AzureWebJobsStorage, or the Durable Task Scheduler when one is given
// (durable-scheduler.bicep). Who may call it: functionapp-access.bicep.
param planName string
param name string
param location string
param tags object

param identityId string
param identityClientId string

param storageAccountName string
param blobEndpoint string
param deploymentContainer string

@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100
@description('Flex Consumption\'s Node runtime: 22 (Node 20 left support on 30 April 2026).')
param nodeVersion string = '22'

param appInsightsConnectionString string
param keyVaultName string

@description('Key Vault secret names (main.bicep: secretNames).')
param secretNames object

@description('main.bicep: identityOnly. False: Storage and Event Grid with keys from Key Vault; true: as the identity, with the Service Bus work queue.')
param identityOnly bool

param eventGridEndpoint string
param workQueueName string
@description('`<name>.servicebus.windows.net`; used with identityOnly.')
param serviceBusNamespace string

@description('The classifier the desk\'s System page checks (Azure AI Vision or another endpoint); empty: the self-hosted one, which only the workers\' environment reaches.')
param classifierEndpoint string

@description('The Durable Task Scheduler\'s endpoint (durable-scheduler.bicep); empty: the Azure Storage provider.')
param durableSchedulerEndpoint string = ''
param durableTaskHubName string = ''

@description('Whether a first client was given (main.bicep: firstClientApiKey); the app creates it at start-up.')
param firstClient bool
param firstClientWebhookUrl string
param firstClientMailSenders string

@description('Whether main.bicep put an admin key in Key Vault (its adminKey parameter); the app then serves /api/manage/clients.')
param adminKeyInVault bool
@description('Whether main.bicep put a previous job token key in Key Vault (its jobTokenKeyPrevious parameter), honoured while jobs signed with it close.')
param jobTokenKeyPreviousInVault bool

param opsWebhookUrl string
@description('Where clients reach the API (API Management\'s gateway, without /api): the webhook summary\'s links start with it.')
param publicUrl string
@allowed(['delete', 'retain'])
param cancelledRetention string

@description('The desk\'s Entra ID app registration (client id); empty: no App Service authentication, and NEWSDESK_EASY_AUTH stays off.')
param staffAuthClientId string
param staffAuthTenantId string
@description('Whether Key Vault holds a client secret of that registration (main.bicep: staffAuthClientSecret).')
param staffAuthSecretInVault bool

@description('More settings by name, e.g. NEWSDESK_ANALYSIS_TIMEOUT_NORMAL; they win over the generated ones.')
param extraSettings object = {}

func kvRef(vault string, secret string) string => '@Microsoft.KeyVault(VaultName=${vault};SecretName=${secret})'

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: { minTlsVersion: '1.2' }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainer}'
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identityId }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: { name: 'node', version: nodeVersion }
    }
  }
}

var appSettings = {
  // The Functions host's telemetry, with the identity (Monitoring Metrics Publisher).
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  // DefaultAzureCredential (with identityOnly: Storage, Event Grid and Service Bus) picks the user-assigned identity by this.
  AZURE_CLIENT_ID: identityClientId
  NEWSDESK_EVENTGRID_ENDPOINT: eventGridEndpoint
  NEWSDESK_WORK_QUEUE: workQueueName
  NEWSDESK_MAILBOX_API_KEY: kvRef(keyVaultName, secretNames.mailboxApiKey)
  // Signs the jobs' tokens: read by the app alone, never handed to the worker containers (docs/security.md).
  NEWSDESK_JOB_TOKEN_KEY: kvRef(keyVaultName, secretNames.jobTokenKey)
  NEWSDESK_CANCELLED_RETENTION: cancelledRetention
  NEWSDESK_PUBLIC_URL: publicUrl
}

// identityOnly false (what the committed app can use): the app's Storage clients, and the Functions host with its
// Durable task hub, take this connection string; the app publishes with the topic key; jobs use the Storage queue.
var keyedSettings = {
  AzureWebJobsStorage: kvRef(keyVaultName, secretNames.storageConnection)
  NEWSDESK_EVENTGRID_KEY: kvRef(keyVaultName, secretNames.eventGridKey)
}

// identityOnly true: the host (the Functions runtime's own convention) and the app reach Storage as the identity;
// no Event Grid key, so the app publishes as the identity; jobs go through the Service Bus queue.
var identitySettings = {
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  NEWSDESK_SERVICEBUS_NAMESPACE: serviceBusNamespace
}

// The desk's System page asks the classifier whether it answers; the workers get endpoint and key themselves (workers.bicep).
var classifierSettings = {
  NEWSDESK_CLASSIFIER_ENDPOINT: classifierEndpoint
}

// The Durable Task Scheduler as the task hub's backend, set over host.json by the host's own override convention, so
// host.json stays the Azure Storage provider's for npm start and for deployments without a scheduler.
var durableSchedulerSettings = {
  DURABLE_TASK_SCHEDULER_CONNECTION_STRING: 'Endpoint=${durableSchedulerEndpoint};Authentication=ManagedIdentity;ClientID=${identityClientId}'
  AzureFunctionsJobHost__extensions__durableTask__storageProvider__type: 'azureManaged'
  AzureFunctionsJobHost__extensions__durableTask__storageProvider__connectionStringName: 'DURABLE_TASK_SCHEDULER_CONNECTION_STRING'
  AzureFunctionsJobHost__extensions__durableTask__hubName: durableTaskHubName
}

var firstClientSettings = {
  NEWSDESK_DEV_API_KEY: kvRef(keyVaultName, secretNames.firstClientApiKey)
  NEWSDESK_DEV_WEBHOOK_SECRET: kvRef(keyVaultName, secretNames.firstClientWebhookSecret)
  NEWSDESK_DEV_MAIL_SENDERS: firstClientMailSenders
}

var firstClientWebhookSettings = {
  NEWSDESK_DEV_WEBHOOK_URL: firstClientWebhookUrl
}

var adminSettings = {
  NEWSDESK_ADMIN_KEY: kvRef(keyVaultName, secretNames.adminKey)
}

var previousJobTokenSettings = {
  NEWSDESK_JOB_TOKEN_KEY_PREVIOUS: kvRef(keyVaultName, secretNames.jobTokenKeyPrevious)
}

// The app trusts x-ms-client-principal only with this set: App Service authentication then strips a spoofed one.
var easyAuthSettings = {
  NEWSDESK_EASY_AUTH: 'true'
}

var easyAuthSecretSettings = {
  MICROSOFT_PROVIDER_AUTHENTICATION_SECRET: kvRef(keyVaultName, secretNames.staffAuthClientSecret)
}

var opsSettings = {
  NEWSDESK_OPS_WEBHOOK_URL: opsWebhookUrl
}

// One line per union: a Bicep function call's arguments stay on one line.
var accessSettings = identityOnly ? identitySettings : keyedSettings
var backendSettings = union(empty(classifierEndpoint) ? {} : classifierSettings, empty(durableSchedulerEndpoint) ? {} : durableSchedulerSettings)
var staffSettings = union(empty(staffAuthClientId) ? {} : easyAuthSettings, !empty(staffAuthClientId) && staffAuthSecretInVault ? easyAuthSecretSettings : {})
var clientSettings = union(firstClient ? firstClientSettings : {}, firstClient && !empty(firstClientWebhookUrl) ? firstClientWebhookSettings : {})

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(appSettings, accessSettings, backendSettings, clientSettings, adminKeyInVault ? adminSettings : {}, jobTokenKeyPreviousInVault ? previousJobTokenSettings : {}, empty(opsWebhookUrl) ? {} : opsSettings, staffSettings, extraSettings)
}

// App Service authentication (Easy Auth) with Entra ID in front of the whole app: the desk (/api/desk/) and its staff
// API share one origin and one session cookie, and the bundle needs no MSAL. Anonymous requests still reach the
// functions (client API keys, webhooks' links, the Event Grid and Durable endpoints); the staff endpoints require the
// signed-in principal's Newsdesk.Staff app role (ingest/auth/authenticate-staff.ts).
resource auth 'Microsoft.Web/sites/config@2024-04-01' = if (!empty(staffAuthClientId)) {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: { requireAuthentication: false, unauthenticatedClientAction: 'AllowAnonymous' }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          openIdIssuer: '${environment().authentication.loginEndpoint}${staffAuthTenantId}/v2.0'
          clientId: staffAuthClientId
          clientSecretSettingName: staffAuthSecretInVault ? 'MICROSOFT_PROVIDER_AUTHENTICATION_SECRET' : null
        }
        validation: { allowedAudiences: ['api://${staffAuthClientId}', staffAuthClientId] }
      }
    }
    login: { tokenStore: { enabled: true }, preserveUrlFragmentsForLogins: true }
    httpSettings: { requireHttps: true }
  }
  // The secret's setting must exist before authentication reads it.
  dependsOn: [settings]
}

output name string = site.name
output id string = site.id
output apiBaseUrl string = 'https://${site.properties.defaultHostName}/api'
