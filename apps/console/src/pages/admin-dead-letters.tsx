import { useCallback, useEffect, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { api, errorText } from '../api/client';
import { Alert, dateTime, Field, TableScroll } from '../components/form';
import type { DeadLetter } from './reports/types';

const PAGE = 50;
const SERVICES = ['gateway', 'auth', 'workflows', 'ingestion', 'processing', 'reporting', 'audit'] as const;
const STATES = ['pending', 'replayed', 'discarded'] as const;
type Service = (typeof SERVICES)[number];
type State = (typeof STATES)[number];

// Messages a consumer could not handle (admins): list, inspect (the payload as text, never as
// HTML), replay to the original topic or discard, each after a confirmation.
export default function DeadLettersPage() {
  const [service, setService] = useState<Service | ''>('');
  const [state, setState] = useState<State>('pending');
  const [letters, setLetters] = useState<DeadLetter[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);

  // The first page again (a filter changed, a letter was resolved), or the next one appended.
  const load = useCallback(
    async (cursor?: string) => {
      const { data, error: failed } = await api.GET('/api/v1/dead-letters', {
        params: { query: { status: state, limit: PAGE, ...(service ? { service } : {}), ...(cursor ? { cursor } : {}) } },
      });
      if (failed) return setError(errorText(failed));
      setError(null);
      setLetters((shown) => (cursor ? [...(shown ?? []), ...data.items] : data.items));
      setNextCursor(data.nextCursor);
    },
    [service, state],
  );
  useEffect(() => void load(), [load]);

  return (
    <>
      <h1>Dead letters</h1>
      <div role="group" aria-label="Filter" className="grid">
        <label>
          Service
          <select value={service} onChange={(e) => setService(e.target.value as Service | '')}>
            <option value="">any</option>
            {SERVICES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          State
          <select value={state} onChange={(e) => setState(e.target.value as State)}>
            {STATES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <Button className="secondary" onPress={() => void load()}>
          Refresh
        </Button>
      </div>
      <Alert>{error}</Alert>
      {letters === null ? (
        <p aria-busy="true">Loading dead letters…</p>
      ) : letters.length === 0 ? (
        <p>No {state} dead letters.</p>
      ) : (
        <TableScroll label="Dead letters">
          <table>
            <thead>
              <tr>
                <th scope="col">Failed</th>
                <th scope="col">Service</th>
                <th scope="col">Topic</th>
                <th scope="col">Key</th>
                <th scope="col">Error</th>
                <th scope="col">Attempts</th>
                <th scope="col">State</th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {letters.map((l) => (
                <tr key={l.id}>
                  <td>{dateTime(l.failedAt)}</td>
                  <td>{l.service}</td>
                  <td>{l.originalTopic ?? '—'}</td>
                  <td>{l.key ?? '—'}</td>
                  <td>
                    <code>{l.errorCode}</code>
                  </td>
                  <td>{l.attempts}</td>
                  <td>{l.status}</td>
                  <td>
                    <Button className="secondary outline" onPress={() => setOpen(l.id)} aria-label={`Inspect the message ${l.key ?? l.id}`}>
                      Inspect
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {nextCursor && (
        <Button className="secondary outline" onPress={() => void load(nextCursor)}>
          Show older
        </Button>
      )}
      {open && <DeadLetterDetail key={open} id={open} onResolved={() => void load()} />}
    </>
  );
}

// The payload as text: pretty JSON when it parses, else as it is; bytes that are not UTF-8 as base64.
export function payloadText(letter: DeadLetter): { text: string; kind: string } {
  if (letter.value === undefined) return { text: letter.valueBase64 ?? '', kind: 'bytes, base64' };
  try {
    return { text: JSON.stringify(JSON.parse(letter.value), null, 2), kind: 'JSON' };
  } catch {
    return { text: letter.value, kind: 'text' };
  }
}

function DeadLetterDetail({ id, onResolved }: { id: string; onResolved: () => void }) {
  const [letter, setLetter] = useState<DeadLetter | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<'replay' | 'discard' | null>(null);
  const [reason, setReason] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    void api.GET('/api/v1/dead-letters/{id}', { params: { path: { id } } }).then(({ data, error: failed }) => {
      if (failed) setError(errorText(failed));
      else setLetter(data);
    });
  }, [id]);
  // Keyboard and screen-reader users land on the message they asked to inspect.
  useEffect(() => heading.current?.focus(), [letter?.id]);

  const act = async () => {
    setError(null);
    const path = { params: { path: { id } } };
    const { data, error: failed } =
      confirming === 'replay'
        ? await api.POST('/api/v1/dead-letters/{id}/replay', path)
        : await api.POST('/api/v1/dead-letters/{id}/discard', { ...path, body: reason.trim() ? { reason: reason.trim() } : {} });
    setConfirming(null);
    if (failed) return setError(errorText(failed));
    setLetter(data);
    onResolved();
  };

  if (!letter) return error ? <Alert>{error}</Alert> : <p aria-busy="true">Loading the message…</p>;
  const payload = payloadText(letter);
  return (
    <section aria-labelledby="letter-heading">
      <h2 id="letter-heading" ref={heading} tabIndex={-1}>
        Message {letter.key ? `"${letter.key}"` : ''} from {letter.originalTopic ?? letter.service}
      </h2>
      <dl className="definition">
        <div>
          <dt>Consumer</dt>
          <dd>
            {letter.service} ({letter.consumerGroup ?? '—'})
          </dd>
        </div>
        <div>
          <dt>Where</dt>
          <dd>
            partition {letter.originalPartition ?? '—'}, offset {letter.originalOffset ?? '—'}
          </dd>
        </div>
        <div>
          <dt>Error</dt>
          <dd>
            <code>{letter.errorCode}</code> {letter.errorMessage}
          </dd>
        </div>
        <div>
          <dt>State</dt>
          <dd>
            {letter.status}
            {letter.resolvedAt && ` ${dateTime(letter.resolvedAt)}`}
          </dd>
        </div>
      </dl>
      {letter.headers && Object.keys(letter.headers).length > 0 && (
        <>
          <h3>Headers</h3>
          <pre className="payload">
            {Object.entries(letter.headers)
              .map(([k, v]) => `${k}: ${v}`)
              .join('\n')}
          </pre>
        </>
      )}
      <h3>
        Payload{' '}
        <span className="muted">
          ({payload.kind}, {letter.sizeBytes} bytes)
        </span>
      </h3>
      <pre className="payload" tabIndex={0} aria-label="Payload">
        {payload.text}
      </pre>
      {letter.status === 'pending' &&
        (confirming ? (
          <div role="group" aria-label={`Confirm ${confirming}`} className="confirm">
            <p>
              {confirming === 'replay'
                ? 'Publish this message again to its original topic?'
                : 'Discard this message? It will not be delivered again.'}
            </p>
            {confirming === 'discard' && <Field label="Reason (optional)" name="reason" value={reason} onChange={setReason} />}
            <Button autoFocus onPress={() => void act()}>
              {confirming === 'replay' ? 'Yes, replay' : 'Yes, discard'}
            </Button>{' '}
            <Button className="secondary" onPress={() => setConfirming(null)}>
              Cancel
            </Button>
          </div>
        ) : (
          <div role="group" aria-label="Resolve" className="grid">
            <Button onPress={() => setConfirming('replay')}>Replay</Button>
            <Button className="secondary" onPress={() => setConfirming('discard')}>
              Discard
            </Button>
          </div>
        ))}
      <Alert>{error}</Alert>
    </section>
  );
}
