#!/bin/sh
# azd postdeploy hook: the functions exist now, so provision again with appDeployed=true, which subscribes
# startSubmission to the Event Grid topic and gives API Management the host key. From then on every `azd provision`
# includes the second pass, so this runs it only once per environment.
set -eu
if [ "${NEWSDESK_APP_DEPLOYED:-false}" = "true" ]; then
  exit 0
fi
azd env set NEWSDESK_APP_DEPLOYED true
azd provision --no-prompt
