import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import * as tus from 'tus-js-client';

export interface TusPeer {
  endpoint: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts bench/tus-peer-child.js on the given Azurite and waits for its port. */
export async function startTusPeer(storage: string): Promise<TusPeer> {
  const child = fork(fileURLToPath(new URL('./tus-peer-child.js', import.meta.url)), [storage], { stdio: 'inherit' });
  const [message] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => Promise.reject(new Error(`the tus peer exited with ${String(code)}`))),
  ])) as [{ port: number }];
  return {
    endpoint: `http://127.0.0.1:${message.port}/files`,
    pid: child.pid!,
    async stop() {
      const exited = once(child, 'exit');
      child.disconnect();
      await exited;
    },
  };
}

/** One upload through tus-js-client (Node), the way a tus client sends a file: create, then PATCH the bytes. */
export function tusUpload(endpoint: string, bytes: Buffer, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const upload = new tus.Upload(bytes, {
      endpoint,
      metadata: { filename: name, filetype: 'image/jpeg' },
      retryDelays: [],
      onError: reject,
      onSuccess: () => resolve(),
    });
    upload.start();
  });
}
