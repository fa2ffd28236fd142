import { deadLetterSinkContract } from './dead-letter-sink.contract.js';
import type { DeadLetterRecord, DeadLetterSink } from './types.js';

/** In-memory sink: here only to prove the contract suite itself; never used outside unit tests. */
function memorySink(): DeadLetterSink & { records: Map<string, string> } {
  const records = new Map<string, string>();
  return {
    records,
    async write(r: DeadLetterRecord) {
      records.set(`${r.topic}/${r.subscription}/${String(r.event.id)}`, JSON.stringify(r));
    },
  };
}

deadLetterSinkContract('in-memory (unit)', async () => {
  const sink = memorySink();
  return { sink, readAll: async () => [...sink.records.values()].map((s) => JSON.parse(s) as DeadLetterRecord) };
});
