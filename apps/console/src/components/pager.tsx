import { Button } from 'react-aria-components';

// Newer / Older over an answer's cursor: `cursors` is the stack of cursors of the pages read so
// far (the first page's is undefined), so going back needs no cursor from the API.
export function Pager({
  label,
  cursors,
  nextCursor,
  onChange,
}: {
  label: string;
  cursors: (string | undefined)[];
  nextCursor: string | null | undefined;
  onChange: (cursors: (string | undefined)[]) => void;
}) {
  return (
    <nav aria-label={label}>
      <ul>
        <li>
          <Button className="secondary" isDisabled={cursors.length === 1} onPress={() => onChange(cursors.slice(0, -1))}>
            Newer
          </Button>
        </li>
        <li>
          <Button className="secondary" isDisabled={!nextCursor} onPress={() => onChange([...cursors, nextCursor ?? undefined])}>
            Older
          </Button>
        </li>
      </ul>
    </nav>
  );
}
