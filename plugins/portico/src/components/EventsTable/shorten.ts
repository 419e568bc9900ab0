/** The first line of a text, at most `length` characters; an ellipsis says something was left out. */
export function shorten(text: string, length = 80): string {
  const whole = text.trim();
  const firstLine = whole.split('\n', 1)[0].trimEnd();
  const shown =
    firstLine.length > length
      ? firstLine.slice(0, length - 1).trimEnd()
      : firstLine;
  return shown === whole ? shown : `${shown}…`;
}
