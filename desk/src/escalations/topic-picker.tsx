import { useId, useState } from 'preact/hooks';
import type { Topic } from '../api/types.js';

interface Props {
  topics: Topic[];
  chosen: string[];
  onChange: (codes: string[]) => void;
}

/** IPTC Media Topics with a search box: checkboxes for those that match, the chosen ones always listed. */
export function TopicPicker({ topics, chosen, onChange }: Props) {
  const [search, setSearch] = useState('');
  const id = useId();
  const needle = search.trim().toLowerCase();
  const shown = topics.filter(
    (t) => chosen.includes(t.code) || !needle || t.name.toLowerCase().includes(needle) || t.code.includes(needle),
  );
  const toggle = (code: string) => onChange(chosen.includes(code) ? chosen.filter((c) => c !== code) : [...chosen, code]);
  return (
    <fieldset class="topics">
      <legend>Topics (IPTC Media Topics)</legend>
      <label for={`${id}-search`}>Search topics</label>
      <input id={`${id}-search`} type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
      <ul class="topic-list">
        {shown.map((t) => (
          <li key={t.code}>
            <label>
              <input type="checkbox" checked={chosen.includes(t.code)} onChange={() => toggle(t.code)} />
              <span>
                {t.name} <span class="topic-code">{t.code}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      {shown.length === 0 && <p class="muted">No topic matches “{search}”.</p>}
      <p class="muted" aria-live="polite">
        {chosen.length} chosen
      </p>
    </fieldset>
  );
}
