/** Span attribute names Newsdesk sets, shared by the code that writes them and print-trace that reads them. */
export const SUBMISSION_ID = 'newsdesk.submission_id';
export const FILE_ID = 'newsdesk.file_id';
export const OUTCOME = 'newsdesk.outcome';
