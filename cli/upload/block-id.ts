/**
 * Block `index`'s id: the same for the same block on every run (a resumed upload stages only the missing ones), and of
 * one length, as Blob Storage requires of a blob's block ids.
 */
export const blockId = (index: number): string => Buffer.from(`block-${String(index).padStart(6, '0')}`).toString('base64');
