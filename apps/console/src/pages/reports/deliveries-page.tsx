import { useCallback, useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { Link } from 'react-router';
import { api, errorText } from '../../api/client';
import { Alert } from '../../components/form';
import { DeliveryTable } from './deliveries';
import type { Delivery } from './types';

type StatusFilter = '' | 'pending' | 'delivered' | 'failed';

// Every delivery of the user's reports, newest first; the failed ones with their error codes, to resend.
export default function DeliveriesPage() {
  const [status, setStatus] = useState<StatusFilter>('');
  const [pages, setPages] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<{ items: Delivery[]; nextBefore: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const before = pages[pages.length - 1];

  const load = useCallback(async () => {
    const { data, error: failed } = await api.GET('/api/v1/report-deliveries', {
      params: { query: { limit: 20, ...(status ? { status } : {}), ...(before ? { before } : {}) } },
    });
    if (failed) setError(errorText(failed));
    else setPage(data);
  }, [status, before]);
  useEffect(() => void load(), [load]);

  return (
    <>
      <p>
        <Link to="/reports">← Reports</Link>
      </p>
      <h1>Report deliveries</h1>
      <label>
        State
        <select
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as StatusFilter);
            setPages([undefined]);
          }}
        >
          <option value="">any</option>
          <option value="pending">pending</option>
          <option value="delivered">delivered</option>
          <option value="failed">failed</option>
        </select>
      </label>
      <Alert>{error}</Alert>
      {page === null ? (
        <p aria-busy="true">Loading deliveries…</p>
      ) : page.items.length === 0 ? (
        <p>No deliveries.</p>
      ) : (
        <DeliveryTable label="Report deliveries" deliveries={page.items} onChanged={() => void load()} />
      )}
      <div role="group" aria-label="Pages" className="grid">
        <Button className="secondary" isDisabled={pages.length === 1} onPress={() => setPages(pages.slice(0, -1))}>
          Newer
        </Button>
        <Button className="secondary" isDisabled={!page?.nextBefore} onPress={() => setPages([...pages, page?.nextBefore ?? undefined])}>
          Older
        </Button>
      </div>
    </>
  );
}
