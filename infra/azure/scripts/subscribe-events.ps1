# azd postdeploy hook, Windows: what subscribe-events.sh does, in PowerShell (pwsh). See that file for why.
$ErrorActionPreference = 'Stop'
foreach ($name in 'AZURE_RESOURCE_GROUP', 'AZURE_FUNCTION_APP_NAME') {
  if (-not [Environment]::GetEnvironmentVariable($name)) { throw "$name is not set: run azd provision first" }
}
$functionName = 'startSubmission'
$subscriptionName = 'start-submission'
$eventTypes = '["Newsdesk.Submission.Received"]'

foreach ($attempt in 1..30) {
  try {
    $status = (Invoke-WebRequest -Uri "$env:NEWSDESK_FUNCTIONS_URL/health" -TimeoutSec 10 -SkipHttpErrorCheck).StatusCode
  } catch { $status = 0 }
  if ($status -eq 200) { break }
  if ($status -eq 403) {
    Write-Host 'the function app refuses this machine (not in NEWSDESK_OPERATOR_IP_RANGES): skipping its health check'
    break
  }
  Write-Host "waiting for $env:NEWSDESK_FUNCTIONS_URL/health (attempt ${attempt}: $status)"
  Start-Sleep -Seconds 10
}

foreach ($attempt in 1..30) {
  az functionapp function show --resource-group $env:AZURE_RESOURCE_GROUP --name $env:AZURE_FUNCTION_APP_NAME --function-name $functionName --output none 2>$null
  if ($LASTEXITCODE -eq 0) { break }
  Write-Host "waiting for $functionName to be indexed (attempt $attempt)"
  Start-Sleep -Seconds 10
}

foreach ($wait in 10, 30, 60, 0) {
  az deployment group create --resource-group $env:AZURE_RESOURCE_GROUP --name eventgrid-subscription `
    --template-file infra/azure/modules/eventgrid-subscription.bicep --output none --parameters `
    topicName=$env:NEWSDESK_EVENTGRID_TOPIC_NAME subscriptionName=$subscriptionName `
    functionAppId=$env:NEWSDESK_FUNCTION_APP_ID functionName=$functionName eventTypes=$eventTypes `
    deadLetterStorageId=$env:NEWSDESK_STORAGE_ACCOUNT_ID deadLetterContainer=$env:NEWSDESK_EVENTGRID_DEADLETTER_CONTAINER `
    identityId=$env:NEWSDESK_IDENTITY_ID
  if ($LASTEXITCODE -eq 0) { exit 0 }
  if ($wait -eq 0) { exit 1 }
  Write-Host "retrying the Event Grid subscription in $wait s"
  Start-Sleep -Seconds $wait
}
