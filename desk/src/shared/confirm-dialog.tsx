import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

interface Props {
  open: boolean;
  title: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  children: ComponentChildren;
}

/**
 * A modal confirmation on the native <dialog>: showModal() traps focus and makes the page inert, Escape closes it.
 * Focus starts on the safe choice and goes back to whatever opened the dialog.
 */
export function ConfirmDialog({ open, title, confirmLabel, cancelLabel, onConfirm, onClose, children }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const safe = useRef<HTMLButtonElement>(null);
  const opener = useRef<Element | null>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      opener.current = document.activeElement;
      element.showModal();
      safe.current?.focus();
    } else if (!open && element.open) {
      element.close();
    }
  }, [open]);
  const closed = () => {
    if (opener.current instanceof HTMLElement) opener.current.focus();
    onClose();
  };
  return (
    <dialog ref={dialog} aria-labelledby={titleId} onClose={closed} class="dialog">
      <h2 id={titleId}>{title}</h2>
      {children}
      <div class="actions">
        <button type="button" ref={safe} onClick={() => dialog.current?.close()}>
          {cancelLabel}
        </button>
        <button
          type="button"
          class="danger"
          onClick={() => {
            onConfirm();
            dialog.current?.close();
          }}
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
