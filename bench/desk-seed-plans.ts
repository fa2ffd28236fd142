import type { PublishedEvent } from '../adapters/event-publisher/event-publisher.js';
import type { ClientRecord, FileStateRecord, SubmissionRecord, SubmissionStatus } from '../adapters/ingest-store/ingest-store.js';
import type { FileAnalysis } from '../contracts/file-analysis.js';
import { receivedEventId } from '../contracts/ids.js';
import { MEDIA_TOPICS } from '../contracts/media-topics.js';
import { EVENT_SOURCE, SUBMISSION_RECEIVED, type SubmissionReceived, type SubmittedFile } from '../contracts/submission.js';

/** One submission as the pipeline would leave it: what ingest records, then each file's last state, then the submission's. */
export interface SeedPlan {
  record: SubmissionRecord;
  event: PublishedEvent<SubmissionReceived>;
  /** Each file's state after `queued` (undefined: still queued); none at all while the submission is only received. */
  states: (FileStateRecord | undefined)[];
  duplicates: string[];
  status: SubmissionStatus;
}

const CLIENTS = [
  ['northern-wire', 'Northern Wire', 'NW'],
  ['harbour-times', 'Harbour Times', 'HT'],
  ['city-desk-photo', 'City Desk Photo', 'CDP'],
  ['freelance-pool', 'Freelance Pool', 'FP'],
  ['meridian-sport', 'Meridian Sport', 'MS'],
  ['valley-gazette', 'Valley Gazette', 'VG'],
] as const;
const BYLINES = ['Amara Okonkwo', 'Jonas Lindqvist', 'Priya Raman', 'Tomás Ferreira', 'Hana Sato', 'Dmitri Volkov'];
const BYLINES_MORE = ['Grace Mensah', 'Lucas Moreau', 'Fatima Zahra', 'Ben Carter', 'Ines Duarte', 'Kwame Asante'];
const LABELS = ['person', 'crowd', 'street', 'car', 'building', 'sky', 'water', 'flag', 'police', 'sport', 'ball', 'tree', 'sign'];
const SUBJECTS = ['Flooding on the ring road', 'Council vote', 'Harbour fire', 'Derby final', 'Strike at the depot', 'Marathon'];
const TOPICS = Object.values(MEDIA_TOPICS).map((t) => ({ code: t.code, name: t.label }));
const DAY_MS = 24 * 60 * 60 * 1000;

/** A small seeded generator (mulberry32): the same 1,000 submissions on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seedClients(now: Date): ClientRecord[] {
  return CLIENTS.map(([clientId, name]) => ({
    clientId,
    name,
    webhookSecret: `whsec_bench_${clientId}`,
    rateLimitPerMinute: 600,
    defaultWebhookUrl: `https://hooks.example.com/${clientId}`,
    apiKeys: [],
    createdAt: now.toISOString(),
  }));
}

/**
 * `count` submissions from six clients over the last ten days, newest first: most completed, some partial, failed or
 * cancelled, the newest still processing (a few files escalated) or just received; photos and videos, by upload,
 * upload session and e-mail, with references, bylines, topics and labels, and a few duplicates.
 */
export function seedPlans(count: number, now: Date): SeedPlan[] {
  const r = random(13);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(r() * values.length)]!;
  const hex = (digits: number): string => Array.from({ length: digits }, () => Math.floor(r() * 16).toString(16)).join('');
  return Array.from({ length: count }, (_, i) => {
    const [clientId, clientName, prefix] = pick(CLIENTS);
    const received = new Date(now.getTime() - 60_000 - (i / count) * 10 * DAY_MS - r() * 60_000);
    const receivedAt = received.toISOString();
    const submissionId = `s${received.getTime().toString(36)}${hex(20)}`;
    const channel = r() < 0.25 ? 'email' : r() < 0.2 ? 'upload-session' : 'http';
    const video = channel === 'upload-session' || r() < 0.08;
    const files: SubmittedFile[] = Array.from({ length: video ? 1 : 1 + Math.floor(r() * 4) }, (_, f) => ({
      fileId: `f${f}${hex(12)}`,
      name: video
        ? `${pick(['clip', 'MVI', 'GX01'])}_${1000 + Math.floor(r() * 9000)}.mp4`
        : `${pick(['DSC', 'IMG', '_MG'])}_${1000 + Math.floor(r() * 9000)}.jpg`,
      size: video ? 50_000_000 + Math.floor(r() * 850_000_000) : 2_000_000 + Math.floor(r() * 10_000_000),
      contentType: video ? 'video/mp4' : 'image/jpeg',
      sha256: hex(64),
      blob: `incoming/${submissionId}/f${f}`,
    }));
    const day = receivedAt.slice(0, 10).replace(/-/g, '');
    const reference =
      channel === 'email'
        ? r() < 0.7
          ? pick(SUBJECTS)
          : undefined
        : r() < 0.85
          ? `${prefix}-${day}-${String(i).padStart(4, '0')}`
          : undefined;
    const rolled = statusOf(i, r());
    // One file that failed is a failed submission, not a partial one.
    const status = rolled === 'partial' && files.length === 1 ? 'failed' : rolled;
    const byline = r() < 0.5 ? pick(BYLINES) : pick(BYLINES_MORE);
    const record: SubmissionRecord = {
      submissionId,
      clientId,
      status: 'received',
      channel,
      files,
      webhookUrl: `https://hooks.example.com/${clientId}`,
      reference,
      priority: r() < 0.15 ? 'urgent' : 'normal',
      metadata: { desk: clientName },
      receivedAt,
      updatedAt: receivedAt,
      published: false,
    };
    const data: SubmissionReceived = {
      ...{ submissionId, clientId, files, reference, priority: record.priority, metadata: record.metadata },
      ...{ webhook: { url: record.webhookUrl }, channel, receivedAt },
    };
    const at = (seconds: number) => new Date(received.getTime() + seconds * 1000).toISOString();
    const states = files.map((file, f): FileStateRecord | undefined => {
      const state = fileStateOf(status, f, files.length, r());
      if (state === 'queued') return undefined;
      const base = { fileId: file.fileId, state, updatedAt: at(5 + f * 3 + r() * 20) };
      if (state === 'completed')
        return { ...base, resultBlob: `results/${submissionId}/${file.fileId}/analysis.json`, analysis: analysisOf(video) };
      if (state === 'escalated') return { ...base, escalated: true };
      return {
        ...base,
        reason: state === 'timed-out' ? 'analysis-timeout' : pick(['unsupported-media', 'corrupt-file', 'worker-crashed']),
      };
    });
    const duplicates = status === 'completed' && r() < 0.07 ? [files[0]!.fileId] : [];
    const event = {
      id: receivedEventId(submissionId),
      type: SUBMISSION_RECEIVED,
      source: EVENT_SOURCE,
      subject: `/submissions/${submissionId}`,
      time: received,
      data,
    };
    return { record, event, states, duplicates, status };

    function analysisOf(isVideo: boolean): FileAnalysis {
      const tags = [...new Set(Array.from({ length: 3 + Math.floor(r() * 5) }, () => pick(LABELS)))];
      const topics = [...new Set([pick(TOPICS), pick(TOPICS)])]
        .slice(0, 1 + Math.floor(r() * 2))
        .map((t) => ({ ...t, confidence: 0.6 + r() * 0.4 }));
      const content = {
        source: 'worker' as const,
        perceptualHash: hex(16),
        classified: true,
        caption: `${pick(['A crowd', 'Two people', 'A street', 'Players'])} ${pick(['near a harbour', 'in the rain', 'at night', 'on a pitch'])}`,
        tags,
        objects: [{ name: tags[0]!, count: 1 + Math.floor(r() * 6) }],
        people: Math.floor(r() * 12),
        text: [],
        topics,
        safety: { verdict: 'safe' as const, adultScore: r() * 0.05, racyScore: r() * 0.1 },
      };
      if (isVideo)
        return {
          ...content,
          mediaType: 'video',
          durationSeconds: 20 + r() * 200,
          container: 'mp4',
          codecs: { video: 'h264', audio: 'aac' },
          stored: { width: 1920, height: 1080 },
          displayed: { width: 1920, height: 1080 },
          frameRate: 25,
          hasAudio: true,
          keyframeCount: 8,
          labels: tags.map((name) => ({ name, confidence: 0.7, ranges: [{ startSeconds: 0, endSeconds: 4 }] })),
          ocr: [],
        };
      return {
        ...content,
        mediaType: 'photo',
        width: 6000,
        height: 4000,
        format: 'jpeg',
        capturedAt: receivedAt.slice(0, 19),
        byline,
        credit: clientName,
        copyright: `© ${clientName}`,
        description: null,
        headline: reference ?? null,
        keywords: tags.slice(0, 3),
        city: pick(['Leeds', 'Porto', 'Osaka', 'Accra', 'Lyon', null]),
        country: null,
        gps: r() < 0.3 ? { lat: 40 + r() * 10, lon: -5 + r() * 20 } : null,
        camera: { make: pick(['Canon', 'Nikon', 'Sony']), model: null },
      };
    }
  });
}

/** The newest submissions are still in flight; older ones ended, most of them completed. */
function statusOf(index: number, roll: number): SubmissionStatus {
  if (index < 40) return roll < 0.25 ? 'received' : 'processing';
  if (roll < 0.76) return 'completed';
  if (roll < 0.86) return 'partial';
  if (roll < 0.93) return 'failed';
  return 'cancelled';
}

function fileStateOf(status: SubmissionStatus, file: number, files: number, roll: number): FileStateRecord['state'] {
  if (status === 'received') return 'queued';
  if (status === 'completed') return 'completed';
  if (status === 'failed') return 'failed';
  if (status === 'partial') return file === files - 1 ? (roll < 0.5 ? 'failed' : 'timed-out') : 'completed';
  if (status === 'processing') return roll < 0.4 ? 'completed' : roll < 0.6 ? 'escalated' : 'queued';
  // Cancelled in flight: what was done stays done.
  return roll < 0.5 ? 'completed' : 'queued';
}
