#!/bin/sh
# azd postprovision hook: build workers/Dockerfile in the registry (ACR Tasks, so no local Docker is needed) as the
# image the scaler starts, `$AZURE_CONTAINER_REGISTRY_ENDPOINT/$NEWSDESK_WORKER_IMAGE:<tag>`. An existing tag is kept
# unless NEWSDESK_REBUILD_WORKER_IMAGE=true (the second provisioning pass must not rebuild it).
set -eu
: "${AZURE_CONTAINER_REGISTRY_NAME:?run azd provision first}"
image="${NEWSDESK_WORKER_IMAGE:-newsdesk-worker}"
tag="${NEWSDESK_WORKER_IMAGE_TAG:-latest}"

if [ "${NEWSDESK_REBUILD_WORKER_IMAGE:-false}" != "true" ] &&
  az acr repository show-tags --name "$AZURE_CONTAINER_REGISTRY_NAME" --repository "$image" --output tsv 2>/dev/null | grep -qx "$tag"; then
  echo "worker image $image:$tag is already in $AZURE_CONTAINER_REGISTRY_NAME (NEWSDESK_REBUILD_WORKER_IMAGE=true rebuilds it)"
  exit 0
fi

az acr build --registry "$AZURE_CONTAINER_REGISTRY_NAME" --image "$image:$tag" --file workers/Dockerfile .
