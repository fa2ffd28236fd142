import { eventDeadLettersContract } from './event-dead-letters.contract.js';
import { InMemoryEventDeadLetters } from './in-memory-event-dead-letters.js';

eventDeadLettersContract('InMemoryEventDeadLetters', async () => {
  const letters = new InMemoryEventDeadLetters();
  return { letters, write: (name, body) => letters.write(name, body) };
});
