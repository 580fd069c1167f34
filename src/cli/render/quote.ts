export { showValue } from '../../core/show-value';

/** A library's message (commander, croner), which may quote what was typed whole: cut short. */
export function clipMessage(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/** Control characters as escapes (`\u001b`), so that none reaches the terminal. */
export function escapeControl(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
