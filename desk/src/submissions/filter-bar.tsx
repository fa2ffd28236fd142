import type { Client, Topic } from '../api/types.js';
import { CHANNEL_NAMES, STATUSES } from './channel-name.js';
import { NO_FILTERS, type Filters } from './filters.js';

interface Props {
  filters: Filters;
  clients: Client[];
  topics: Topic[];
  onChange: (filters: Filters) => void;
}

/** The Submissions page's filters: every input labelled, applied as they change (text a moment after typing stops). */
export function FilterBar({ filters, clients, topics, onChange }: Props) {
  const set = (key: keyof Filters) => (event: Event) =>
    onChange({ ...filters, [key]: (event.currentTarget as HTMLInputElement | HTMLSelectElement).value });
  return (
    <form class="filters" role="search" aria-label="Filter submissions" onSubmit={(e) => e.preventDefault()}>
      <label class="wide">
        Search
        <input type="search" value={filters.q} onInput={set('q')} placeholder="Reference, file name or byline" />
      </label>
      <label>
        Status
        <select value={filters.status} onChange={set('status')}>
          <option value="">Any</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        Client
        <select value={filters.client} onChange={set('client')}>
          <option value="">Any</option>
          {clients.map((c) => (
            <option key={c.clientId} value={c.clientId}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Channel
        <select value={filters.channel} onChange={set('channel')}>
          <option value="">Any</option>
          {Object.entries(CHANNEL_NAMES).map(([value, name]) => (
            <option key={value} value={value}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Topic
        <select value={filters.topic} onChange={set('topic')}>
          <option value="">Any</option>
          {topics.map((t) => (
            <option key={t.code} value={t.code}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Label
        <input type="text" value={filters.label} onInput={set('label')} size={12} />
      </label>
      <label>
        Duplicate
        <select value={filters.duplicate} onChange={set('duplicate')}>
          <option value="">Any</option>
          <option value="true">Yes</option>
          <option value="false">No</option>
        </select>
      </label>
      <label>
        From
        <input type="date" value={filters.from} onInput={set('from')} />
      </label>
      <label>
        To
        <input type="date" value={filters.to} onInput={set('to')} />
      </label>
      <button type="button" onClick={() => onChange(NO_FILTERS)}>
        Clear filters
      </button>
    </form>
  );
}
