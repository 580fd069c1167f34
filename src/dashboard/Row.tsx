import { Text } from 'ink';

/** One line of a list; the selected line of the focused panel is shown in reverse. */
export function Row({ text, selected }: { text: string; selected: boolean }) {
  return (
    <Text inverse={selected} wrap="truncate">
      {text}
    </Text>
  );
}
