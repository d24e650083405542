// A schedule's next fire times in the reader's own time zone (the browser's), which the list names:
// the API answers in UTC and the schedule itself may be in another zone.
export const readerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const inReaderZone = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short', timeZone: readerZone });

export function FireTimes({ label, times }: { label: string; times: string[] }) {
  const name = `${label}, in your time zone (${readerZone})`;
  return (
    <figure>
      <figcaption>{name}:</figcaption>
      <ol aria-label={name}>
        {times.map((t) => (
          <li key={t}>
            <time dateTime={t}>{inReaderZone.format(new Date(t))}</time>
          </li>
        ))}
      </ol>
    </figure>
  );
}
