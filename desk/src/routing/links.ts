/** Hrefs of the desk's pages: the one place the hash routes are spelled, parseRoute reads them back. */
export const links = {
  submissions: (query = '') => `#/submissions${query ? `?${query}` : ''}`,
  submission: (id: string) => `#/submissions/${encodeURIComponent(id)}`,
  escalations: () => '#/escalations',
  escalation: (submissionId: string, fileId: string) => `#/escalations/${encodeURIComponent(submissionId)}/${encodeURIComponent(fileId)}`,
  upload: () => '#/upload',
  system: () => '#/system',
};
