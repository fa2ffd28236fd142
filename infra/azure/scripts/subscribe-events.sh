#!/bin/sh
# azd postdeploy hook: subscribe startSubmission to the Event Grid topic, once the deployed functions are indexed.
# Event Grid checks that the function exists when the subscription is made, so this waits for the host: first for
# /api/health (200 once storage, tables and the topic answer; it answers only callers in NEWSDESK_OPERATOR_IP_RANGES,
# so a 403 here means "not from this machine" and is not waited on), then for ARM to list startSubmission. The
# subscription's template is modules/eventgrid-subscription.bicep; deploying it again changes nothing.
set -eu
: "${AZURE_RESOURCE_GROUP:?run azd provision first}"
: "${AZURE_FUNCTION_APP_NAME:?run azd provision first}"
function_name='startSubmission'
subscription_name='start-submission'
event_types='["Newsdesk.Submission.Received"]'

for attempt in $(seq 1 30); do
  status="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$NEWSDESK_FUNCTIONS_URL/health" || true)"
  [ "$status" = 200 ] && break
  if [ "$status" = 403 ]; then
    echo "the function app refuses this machine (not in NEWSDESK_OPERATOR_IP_RANGES): skipping its health check"
    break
  fi
  echo "waiting for $NEWSDESK_FUNCTIONS_URL/health (attempt $attempt: $status)"
  sleep 10
done

for attempt in $(seq 1 30); do
  if az functionapp function show --resource-group "$AZURE_RESOURCE_GROUP" --name "$AZURE_FUNCTION_APP_NAME" \
    --function-name "$function_name" --output none 2>/dev/null; then break; fi
  echo "waiting for $function_name to be indexed (attempt $attempt)"
  sleep 10
done

# The dead-letter identity's role on the storage account was assigned at provisioning; retried while it propagates.
for wait in 10 30 60 0; do
  if az deployment group create --resource-group "$AZURE_RESOURCE_GROUP" --name eventgrid-subscription \
    --template-file infra/azure/modules/eventgrid-subscription.bicep --output none --parameters \
    topicName="$NEWSDESK_EVENTGRID_TOPIC_NAME" subscriptionName="$subscription_name" \
    functionAppId="$NEWSDESK_FUNCTION_APP_ID" functionName="$function_name" eventTypes="$event_types" \
    deadLetterStorageId="$NEWSDESK_STORAGE_ACCOUNT_ID" deadLetterContainer="$NEWSDESK_EVENTGRID_DEADLETTER_CONTAINER" \
    identityId="$NEWSDESK_IDENTITY_ID"; then exit 0; fi
  [ "$wait" = 0 ] && exit 1
  echo "retrying the Event Grid subscription in $wait s"
  sleep "$wait"
done
