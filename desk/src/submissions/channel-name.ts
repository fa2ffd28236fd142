/** The channels in an editor's words. */
export const CHANNEL_NAMES: Record<string, string> = { http: 'Upload', 'upload-session': 'Upload (large)', email: 'E-mail' };

export const STATUSES = ['received', 'processing', 'completed', 'partial', 'failed', 'cancelled'];
