/** The Submissions page's filters, as the inputs hold them (dates as `YYYY-MM-DD`, local). */
export interface Filters {
  status: string;
  client: string;
  channel: string;
  /** An IPTC Media Topic code (`medtop:…`). */
  topic: string;
  label: string;
  duplicate: '' | 'true' | 'false';
  from: string;
  to: string;
  q: string;
}

export const FILTER_KEYS = ['status', 'client', 'channel', 'topic', 'label', 'duplicate', 'from', 'to', 'q'] as const;

export const NO_FILTERS: Filters = { status: '', client: '', channel: '', topic: '', label: '', duplicate: '', from: '', to: '', q: '' };
