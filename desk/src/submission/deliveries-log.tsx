import type { Delivery } from '../api/types.js';
import { formatDuration } from '../shared/format-duration.js';
import { formatTime } from '../shared/format-time.js';
import { StatusBadge } from '../shared/status-badge.js';

interface Props {
  deliveries: Delivery[];
  busy: string | null;
  onReplay: (deliveryId: string) => void;
}

/** Every webhook delivery with its outcome and latency; any can be sent again. */
export function DeliveriesLog({ deliveries, busy, onReplay }: Props) {
  if (deliveries.length === 0) return <p class="muted">No deliveries yet.</p>;
  return (
    <div class="table-scroll">
      <table class="grid">
        <caption class="visually-hidden">Deliveries</caption>
        <thead>
          <tr>
            <th scope="col">At</th>
            <th scope="col">Delivery</th>
            <th scope="col">Status</th>
            <th scope="col" class="num">
              HTTP
            </th>
            <th scope="col" class="num">
              Latency
            </th>
            <th scope="col" class="num">
              Attempts
            </th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((d, i) => {
            const status = typeof d.status === 'string' ? d.status : (d.outcome ?? '—');
            const http = d.httpStatus ?? (typeof d.status === 'number' ? d.status : null);
            return (
              <tr key={`${d.deliveryId}-${i}`}>
                <td>{formatTime(d.at)}</td>
                <td>
                  <code>{d.deliveryId}</code>
                  {d.kind && <span class="muted"> {d.kind}</span>}
                </td>
                <td>
                  <StatusBadge status={status} />
                  {d.error && <span class="muted"> {d.error}</span>}
                </td>
                <td class="num">{http ?? '—'}</td>
                <td class="num">{formatDuration(d.latencyMs)}</td>
                <td class="num">{d.attempts ?? d.attempt ?? '—'}</td>
                <td>
                  <button type="button" disabled={busy === d.deliveryId} onClick={() => onReplay(d.deliveryId)}>
                    Replay<span class="visually-hidden"> delivery {d.deliveryId}</span>
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
