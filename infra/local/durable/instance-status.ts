const TERMINAL = new Set(['Completed', 'Failed', 'Terminated', 'Canceled']);

/** A finished instance: it takes no more messages and its id may be reused. */
export const isTerminal = (status: string): boolean => TERMINAL.has(status);
