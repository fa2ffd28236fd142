# azd postprovision hook, Windows: what build-images.sh does, in PowerShell (pwsh). See that file for why.
$ErrorActionPreference = 'Stop'
foreach ($name in 'AZURE_CONTAINER_REGISTRY_NAME', 'AZURE_CONTAINER_REGISTRY_ENDPOINT', 'AZURE_RESOURCE_GROUP') {
  if (-not [Environment]::GetEnvironmentVariable($name)) { throw "$name is not set: run azd provision first" }
}
$registry = $env:AZURE_CONTAINER_REGISTRY_NAME
$endpoint = $env:AZURE_CONTAINER_REGISTRY_ENDPOINT
$tag = (git rev-parse --short=12 HEAD 2>$null)
if (-not $tag) { $tag = (Get-Date).ToUniversalTime().ToString('yyyyMMddHHmmss') }
if ($env:NEWSDESK_IMAGE_TAG -eq $tag -and $env:NEWSDESK_REBUILD_IMAGES -ne 'true') {
  Write-Host "images $tag are built (NEWSDESK_REBUILD_IMAGES=true rebuilds them)"
  exit 0
}

function Invoke-Checked([scriptblock] $command) {
  & $command
  if ($LASTEXITCODE -ne 0) { throw "failed: $command" }
}

function Build-Image([string] $repository, [string] $dockerfile) {
  az acr build --registry $registry --image "${repository}:$tag" --file $dockerfile .
  if ($LASTEXITCODE -eq 0) { return }
  Write-Host 'ACR Tasks refused the build; building with the local Docker engine instead'
  Invoke-Checked { az acr login --name $registry }
  Invoke-Checked { docker build --file $dockerfile --tag "$endpoint/${repository}:$tag" . }
  Invoke-Checked { docker push "$endpoint/${repository}:$tag" }
}

# A role assigned minutes ago (AcrPull) may not hold yet: try again before giving up.
function Invoke-Retried([scriptblock] $command) {
  foreach ($wait in 10, 30, 60, 120) {
    & $command
    if ($LASTEXITCODE -eq 0) { return }
    Write-Host "retrying in $wait s"
    Start-Sleep -Seconds $wait
  }
  Invoke-Checked $command
}

$worker = if ($env:NEWSDESK_WORKER_IMAGE) { $env:NEWSDESK_WORKER_IMAGE } else { 'newsdesk-worker' }
Build-Image $worker 'workers/Dockerfile'
Invoke-Retried { az containerapp job update --name $env:NEWSDESK_WORKER_JOB_NAME --resource-group $env:AZURE_RESOURCE_GROUP --image "$endpoint/${worker}:$tag" --output none }
if ($env:NEWSDESK_CLASSIFIER_APP_NAME) {
  $classifier = if ($env:NEWSDESK_CLASSIFIER_IMAGE) { $env:NEWSDESK_CLASSIFIER_IMAGE } else { 'newsdesk-classifier' }
  Build-Image $classifier 'classifier/Dockerfile'
  Invoke-Retried { az containerapp update --name $env:NEWSDESK_CLASSIFIER_APP_NAME --resource-group $env:AZURE_RESOURCE_GROUP --image "$endpoint/${classifier}:$tag" --output none }
}
Invoke-Checked { azd env set NEWSDESK_IMAGE_TAG $tag }
