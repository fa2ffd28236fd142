#!/bin/sh
# azd postprovision hook: build the worker (workers/Dockerfile) and classifier (classifier/Dockerfile) images from the
# repository root (its .dockerignore keeps node_modules, .data and .azure out), push them to the registry, and point
# the Container Apps job and app at them. ACR Tasks (`az acr build`, no local Docker) first; a subscription that
# refuses them (free trials do) gets `docker build` + `docker push` instead. The tag is the commit (or the time), kept
# in the azd environment (NEWSDESK_IMAGE_TAG) so that the next `azd provision` deploys the same images.
set -eu
: "${AZURE_CONTAINER_REGISTRY_NAME:?run azd provision first}"
: "${AZURE_CONTAINER_REGISTRY_ENDPOINT:?run azd provision first}"
: "${AZURE_RESOURCE_GROUP:?run azd provision first}"
tag="$(git rev-parse --short=12 HEAD 2>/dev/null || date -u +%Y%m%d%H%M%S)"
if [ "${NEWSDESK_IMAGE_TAG:-}" = "$tag" ] && [ "${NEWSDESK_REBUILD_IMAGES:-false}" != "true" ]; then
  echo "images $tag are built (NEWSDESK_REBUILD_IMAGES=true rebuilds them)"
  exit 0
fi

build() { # repository dockerfile
  if az acr build --registry "$AZURE_CONTAINER_REGISTRY_NAME" --image "$1:$tag" --file "$2" .; then return 0; fi
  echo "ACR Tasks refused the build; building with the local Docker engine instead"
  az acr login --name "$AZURE_CONTAINER_REGISTRY_NAME"
  docker build --file "$2" --tag "$AZURE_CONTAINER_REGISTRY_ENDPOINT/$1:$tag" .
  docker push "$AZURE_CONTAINER_REGISTRY_ENDPOINT/$1:$tag"
}

# A role assigned minutes ago (AcrPull) may not hold yet: try again before giving up.
retry() {
  for wait in 10 30 60 120; do
    if "$@"; then return 0; fi
    echo "retrying in $wait s: $*"
    sleep "$wait"
  done
  "$@"
}

worker="${NEWSDESK_WORKER_IMAGE:-newsdesk-worker}"
build "$worker" workers/Dockerfile
retry az containerapp job update --name "$NEWSDESK_WORKER_JOB_NAME" --resource-group "$AZURE_RESOURCE_GROUP" \
  --image "$AZURE_CONTAINER_REGISTRY_ENDPOINT/$worker:$tag" --output none
if [ -n "${NEWSDESK_CLASSIFIER_APP_NAME:-}" ]; then
  classifier="${NEWSDESK_CLASSIFIER_IMAGE:-newsdesk-classifier}"
  build "$classifier" classifier/Dockerfile
  retry az containerapp update --name "$NEWSDESK_CLASSIFIER_APP_NAME" --resource-group "$AZURE_RESOURCE_GROUP" \
    --image "$AZURE_CONTAINER_REGISTRY_ENDPOINT/$classifier:$tag" --output none
fi
azd env set NEWSDESK_IMAGE_TAG "$tag"
