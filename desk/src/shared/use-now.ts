import { useEffect, useState } from 'preact/hooks';

/** The time, refreshed every `everyMs`: ages and countdowns tick without refetching anything. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
