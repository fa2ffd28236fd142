// Azure AI Vision (Image Analysis 4.0), deployed only with main.bicep's deployVision: by default the workers call the
// self-hosted classifier (classifier.bicep). The worker's adapter sends `Ocp-Apim-Subscription-Key`, so local auth stays
// on; main.bicep hands the key to the workers' job as a secret. Image Analysis 4.0 (and captions) exist in some regions
// only: main.bicep's visionLocation. Creating the first Vision account in a subscription needs its Responsible AI
// terms accepted once (docs/deploy.md, Prerequisites).
param name string
param location string
param tags object
param sku string = 'S1'

resource vision 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  location: location
  tags: tags
  kind: 'ComputerVision'
  sku: { name: sku }
  properties: {
    customSubDomainName: name
    publicNetworkAccess: 'Enabled'
    disableLocalAuth: false
  }
}

output name string = vision.name
output endpoint string = vision.properties.endpoint
