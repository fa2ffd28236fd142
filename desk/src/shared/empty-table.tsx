/**
 * What stands for a table with no rows: its caption and a note, rather than a header row over nothing. The caption
 * looks as a table's does, so the page reads the same whether or not there is anything to list.
 */
export function EmptyTable({ caption, note }: { caption: string; note: string }) {
  return (
    <div class="empty-table">
      <p class="empty-caption">{caption}</p>
      <p class="muted">{note}</p>
    </div>
  );
}
