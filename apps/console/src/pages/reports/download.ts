import { errorText } from '../../api/client';
import { session } from '../../api/session';

// The download route needs the bearer token, which a plain link cannot send: the file is fetched,
// then saved from a blob URL. Answers null when saved, else the refusal as "CODE: message".
export async function downloadRun(runId: string, fileName: string): Promise<string | null> {
  const res = await fetch(`/api/v1/report-executions/${encodeURIComponent(runId)}/download`, {
    headers: { authorization: `Bearer ${session.current()?.accessToken ?? ''}` },
  });
  if (!res.ok) return errorText(await res.json().catch(() => null), `The download failed (${res.status})`);
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.click();
  // The browser has the file once the click is handled; the URL is freed a little later.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return null;
}
