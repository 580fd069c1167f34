import { Text } from 'ink';
import { HINTS } from './keys';
import { useTheme } from './theme';

export type Prompt = { kind: 'search'; text: string };

/** The bottom line: the search being typed, else the last message, else key hints that fit. */
export function Footer({ width, message, prompt }: { width: number; message: string | undefined; prompt: Prompt | undefined }) {
  const { paint } = useTheme();
  if (prompt) {
    const shown = `/ ${prompt.text}`;
    const tail = shown.length > width - 24 ? shown.slice(shown.length - (width - 24)) : shown;
    return (
      <Text wrap="truncate">
        {tail}
        <Text inverse> </Text>
        {paint.dim('  Enter search · Esc cancel')}
      </Text>
    );
  }
  if (message) return <Text wrap="truncate">{message}</Text>;
  let line = '';
  for (const hint of HINTS) {
    const next = line ? `${line}  ${hint}` : hint;
    if (next.length > width) break;
    line = next;
  }
  return <Text wrap="truncate">{paint.dim(line)}</Text>;
}
