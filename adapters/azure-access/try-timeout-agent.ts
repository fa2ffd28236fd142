import http from 'node:http';
import https from 'node:https';

const agents = new Map<string, http.Agent>();

/**
 * The connection pool the storage clients send through, one per protocol and timeout: a socket that carries no byte
 * for `ms` is destroyed with a timed-out socket's error (ETIMEDOUT), which the SDKs' retry policies try again and
 * callers recognise as transient (lib/resilience/transient-fault.ts). That is the per-try timeout the SDKs lack (the
 * storage SDKs' `tryTimeoutInMs` only asks the service to give up), measured as silence, so a long download that
 * keeps streaming is never cut. Node's own agent `timeout` only closes idle pooled sockets: a socket with a request on
 * it would merely emit 'timeout', and storage that accepts connections and then hangs would hold its caller for ever.
 */
export function tryTimeoutAgent(protocol: string, ms: number): http.Agent {
  const key = `${protocol}${ms}`;
  let agent = agents.get(key);
  if (!agent) {
    const options = { keepAlive: true, timeout: ms };
    agent = protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
    const connect = agent.createConnection.bind(agent);
    agent.createConnection = (connectOptions, callback) => {
      const socket = connect(connectOptions, callback);
      socket?.on('timeout', () => socket.destroy(Object.assign(new Error(`storage sent nothing for ${ms} ms`), { code: 'ETIMEDOUT' })));
      return socket;
    };
    agents.set(key, agent);
  }
  return agent;
}
