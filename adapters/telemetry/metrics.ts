import { metrics, type Counter, type Histogram, type Meter } from '@opentelemetry/api';

export interface NewsdeskMetrics {
  /** Submissions accepted, by `channel`. */
  submissionsReceived: Counter;
  /** Files whose analysis ended, by `outcome` (completed, failed, timed-out) and `media_type`. */
  filesAnalysed: Counter;
  /** A worker's time on one job, download to event, by `media_type` and `outcome`. */
  analysisDuration: Histogram;
  /** One classifier call as the worker saw it, retries included, by `outcome`. */
  classifierLatency: Histogram;
  /** Webhook delivery attempts, by `outcome` (delivered, retry, gone, rejected-url). */
  webhookDeliveries: Counter;
  /** Submissions the reconciler repaired, by `outcome` (started: its orchestration never began; failed: it died). */
  submissionsReconciled: Counter;
  /** `incoming/` blobs the orphan sweeper deleted (no submission owned them). */
  orphansSwept: Counter;
}

let cached: { meter: Meter; instruments: NewsdeskMetrics } | undefined;

/**
 * The pipeline's instruments. Made on first use after startTelemetry, not at import: instruments
 * from the API's no-op meter would stay no-ops after the real provider is registered.
 */
export function newsdeskMetrics(): NewsdeskMetrics {
  const meter = metrics.getMeter('newsdesk');
  if (cached?.meter === meter) return cached.instruments;
  const instruments: NewsdeskMetrics = {
    submissionsReceived: meter.createCounter('newsdesk.submissions.received', { description: 'Submissions accepted' }),
    filesAnalysed: meter.createCounter('newsdesk.files.analysed', { description: 'Files whose analysis ended, by outcome' }),
    analysisDuration: meter.createHistogram('newsdesk.analysis.duration', { unit: 'ms', description: 'Worker time per analysis job' }),
    classifierLatency: meter.createHistogram('newsdesk.classifier.latency', { unit: 'ms', description: 'Classifier call latency' }),
    webhookDeliveries: meter.createCounter('newsdesk.webhook.deliveries', { description: 'Webhook delivery attempts, by outcome' }),
    submissionsReconciled: meter.createCounter('newsdesk.submissions.reconciled', {
      description: 'Submissions the reconciler started or failed, by outcome',
    }),
    orphansSwept: meter.createCounter('newsdesk.orphans.swept', { description: 'Orphaned incoming/ blobs deleted by the sweeper' }),
  };
  cached = { meter, instruments };
  return instruments;
}
