/** The management URLs the Durable HTTP API hands out for an instance (check-status payload). */
export interface ManagementUrls {
  id: string;
  statusQueryGetUri: string;
  sendEventPostUri: string;
  terminatePostUri: string;
  rewindPostUri: string;
  purgeHistoryDeleteUri: string;
  restartPostUri: string;
  suspendPostUri: string;
  resumePostUri: string;
}

export interface UrlSettings {
  /** e.g. `http://127.0.0.1:7071/runtime/webhooks/durabletask` */
  baseUrl: string;
  taskHub: string;
  systemKey: string;
}

export function managementUrls(s: UrlSettings, instanceId: string): ManagementUrls {
  const q = `taskHub=${encodeURIComponent(s.taskHub)}&connection=Storage&code=${encodeURIComponent(s.systemKey)}`;
  const instance = `${s.baseUrl}/instances/${instanceId === 'INSTANCEID' ? instanceId : encodeURIComponent(instanceId)}`;
  return {
    id: instanceId,
    statusQueryGetUri: `${instance}?${q}`,
    sendEventPostUri: `${instance}/raiseEvent/{eventName}?${q}`,
    terminatePostUri: `${instance}/terminate?reason={text}&${q}`,
    rewindPostUri: `${instance}/rewind?reason={text}&${q}`,
    purgeHistoryDeleteUri: `${instance}?${q}`,
    restartPostUri: `${instance}/restart?${q}`,
    suspendPostUri: `${instance}/suspend?reason={text}&${q}`,
    resumePostUri: `${instance}/resume?reason={text}&${q}`,
  };
}

/** The `durableClient` binding value that `df.getClient(context)` reads. */
export function durableClientBinding(s: UrlSettings, rpcBaseUrl: string): Record<string, unknown> {
  const q = `taskHub=${encodeURIComponent(s.taskHub)}&connection=Storage&code=${encodeURIComponent(s.systemKey)}`;
  return {
    taskHubName: s.taskHub,
    creationUrls: {
      createNewInstancePostUri: `${s.baseUrl}/orchestrators/{functionName}[/{instanceId}]?${q}`,
      createAndWaitOnNewInstancePostUri: `${s.baseUrl}/orchestrators/{functionName}[/{instanceId}]?timeout={timeoutInSeconds}&pollingInterval={intervalInSeconds}&${q}`,
    },
    managementUrls: managementUrls(s, 'INSTANCEID'),
    baseUrl: s.baseUrl,
    requiredQueryStringParameters: q,
    rpcBaseUrl,
    httpBaseUrl: s.baseUrl,
    maxGrpcMessageSizeInBytes: 0,
    grpcHttpClientTimeout: '00:01:40',
  };
}
