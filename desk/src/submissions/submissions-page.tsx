import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { apiFetch } from '../api/api-fetch.js';
import { onLiveRow, onLiveState } from '../api/live-rows.js';
import type { Client, SubmissionPage, SubmissionRow, Topic } from '../api/types.js';
import { links } from '../routing/links.js';
import { announce } from '../shared/announce.js';
import { ErrorNote } from '../shared/error-note.js';
import { loadClients, loadTopics } from '../shared/staff-lists.js';
import { useNow } from '../shared/use-now.js';
import { FilterBar } from './filter-bar.js';
import { filtersFromQuery } from './filters-from-query.js';
import { filtersToQuery } from './filters-to-query.js';
import { mergeRow } from './merge-row.js';
import { rowMatches } from './row-matches.js';
import { SubmissionsTable } from './submissions-table.js';

/** Rows per API call and per page shown: 1,000 submissions stay 10 pages of light DOM, whatever arrives live. */
const PAGE = 100;

/** The live list of every client's submissions, filtered, newest first. */
export function SubmissionsPage({ query }: { query: string }) {
  const [filters, setFilters] = useState(() => filtersFromQuery(query));
  const [rows, setRows] = useState<SubmissionRow[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [page, setPage] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error>();
  const [clients, setClients] = useState<Client[]>([]);
  const [topics, setTopics] = useState<Topic[]>([]);
  const [generation, setGeneration] = useState(0);
  const now = useNow(10_000);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  const topicName = useMemo(() => {
    const names = new Map(topics.map((t) => [t.code, t.name]));
    return (code: string) => names.get(code);
  }, [topics]);
  const topicNameRef = useRef(topicName);
  topicNameRef.current = topicName;

  useEffect(() => {
    loadClients().then(setClients, () => undefined);
    loadTopics().then(setTopics, () => undefined);
  }, []);

  // Filters go to the API (text a moment after typing stops) and into the hash, so Back returns to the same list.
  const apiQuery = filtersToQuery(filters, { api: true, limit: PAGE });
  const loadedOnce = useRef(false);
  useEffect(() => {
    history.replaceState(null, '', links.submissions(filtersToQuery(filters)));
    let current = true;
    // The first list loads at once (it is the page's first paint); later changes wait for typing to pause.
    const delay = loadedOnce.current ? 250 : 0;
    loadedOnce.current = true;
    const timer = setTimeout(() => {
      setLoading(true);
      apiFetch<SubmissionPage>(`/api/staff/submissions?${apiQuery}`).then(
        (body) => {
          if (!current) return;
          setRows(body.submissions);
          setCursor(body.nextCursor);
          setPage(0);
          setError(undefined);
          setLoading(false);
        },
        (e: Error) => current && (setError(e), setLoading(false)),
      );
    }, delay);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [apiQuery, generation]);

  // New and changed submissions arrive on the shared stream; after a reconnect, reload what may have been missed.
  useEffect(() => {
    let changed = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const offRow = onLiveRow((row) => {
      setRows((current) => mergeRow(current, row, rowMatches(row, filtersRef.current, topicNameRef.current)));
      changed++;
      timer ??= setTimeout(() => {
        announce(`${changed} submission${changed === 1 ? '' : 's'} updated`);
        changed = 0;
        timer = undefined;
      }, 3000);
    });
    let wasConnected: boolean | undefined;
    const offState = onLiveState((connected) => {
      if (connected && wasConnected === false) setGeneration((g) => g + 1);
      wasConnected = connected;
    });
    return () => {
      offRow();
      offState();
      clearTimeout(timer);
    };
  }, []);

  const loadMore = () => {
    if (!cursor) return;
    setLoading(true);
    apiFetch<SubmissionPage>(`/api/staff/submissions?${filtersToQuery(filters, { api: true, limit: PAGE, cursor })}`).then(
      (body) => {
        setRows((current) => {
          const known = new Set(current.map((r) => r.submissionId));
          return [...current, ...body.submissions.filter((r) => !known.has(r.submissionId))];
        });
        setCursor(body.nextCursor);
        setPage((p) => p + 1);
        setLoading(false);
      },
      (e: Error) => (setError(e), setLoading(false)),
    );
  };

  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  const shown = rows.slice(page * PAGE, (page + 1) * PAGE);
  const hasNext = page + 1 < pages || cursor !== null;
  return (
    <>
      <h1>Submissions</h1>
      <FilterBar filters={filters} clients={clients} topics={topics} onChange={setFilters} />
      <ErrorNote error={error} />
      <p class="muted">
        {loading
          ? 'Loading…'
          : rows.length === 0
            ? 'No submissions match.'
            : `${rows.length}${cursor ? '+' : ''} submission${rows.length === 1 && !cursor ? '' : 's'}`}
      </p>
      {shown.length > 0 && <SubmissionsTable rows={shown} now={now} />}
      <nav class="pager" aria-label="Pages of submissions">
        <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
          Newer
        </button>
        <span>
          Page {page + 1} of {pages}
          {cursor ? '+' : ''}
        </span>
        <button type="button" disabled={!hasNext || loading} onClick={() => (page + 1 < pages ? setPage(page + 1) : loadMore())}>
          Older
        </button>
      </nav>
    </>
  );
}
