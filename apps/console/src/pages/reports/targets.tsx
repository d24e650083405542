import { useState, type FormEvent } from 'react';
import { Button, Form, Label, TextArea, TextField, FieldError, Text } from 'react-aria-components';
import { api, errorText } from '../../api/client';
import { Alert, Field } from '../../components/form';
import { fieldErrorsOf } from '../../api/field-errors';
import { type ReportView } from './types';

// A webhook URL may carry a token in its path or query: only its origin is ever shown.
export function webhookOrigin(url: string | null): string | null {
  if (!url) return null;
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return 'set';
  }
}

// Where each finished run goes: e-mail addresses and one webhook (PATCH /reports/{id}).
export function DeliveryTargets({ report, onSaved }: { report: ReportView; onSaved: (r: ReportView) => void }) {
  const [emails, setEmails] = useState(report.emailRecipients.join('\n'));
  // Empty keeps the saved webhook (which is never shown back); "remove" clears it.
  const [webhook, setWebhook] = useState('');
  const [removeWebhook, setRemoveWebhook] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaved(false);
    const emailRecipients = emails
      .split(/[\s,;]+/)
      .map((e) => e.trim())
      .filter(Boolean);
    const body: { emailRecipients: string[]; webhookUrl?: string | null } = { emailRecipients };
    if (removeWebhook) body.webhookUrl = null;
    else if (webhook.trim()) body.webhookUrl = webhook.trim();
    const { data, error: failed } = await api.PATCH('/api/v1/reports/{id}', { params: { path: { id: report.id } }, body });
    if (failed) {
      setFieldErrors(fieldErrorsOf(failed, 'field'));
      return setError(errorText(failed));
    }
    setFieldErrors({});
    setWebhook('');
    setRemoveWebhook(false);
    setSaved(true);
    onSaved(data);
  };

  const savedHook = webhookOrigin(report.webhookUrl);
  return (
    <section aria-labelledby="targets-heading">
      <h2 id="targets-heading">Delivery</h2>
      <Form onSubmit={(e) => void save(e)} aria-label="Delivery">
        <TextField
          name="emailRecipients"
          value={emails}
          onChange={setEmails}
          isInvalid={Boolean(fieldErrors.emailRecipients)}
          validationBehavior="aria"
        >
          <Label>E-mail recipients</Label>
          <TextArea rows={3} />
          <Text slot="description">One address a line (or separated by commas); each run is mailed to every one.</Text>
          <FieldError>{fieldErrors.emailRecipients}</FieldError>
        </TextField>
        <Field
          label={savedHook ? 'New webhook URL' : 'Webhook URL'}
          name="webhookUrl"
          type="url"
          value={webhook}
          onChange={setWebhook}
          description={savedHook ? `A webhook is set (${savedHook}); leave empty to keep it.` : 'Posted a signed JSON notice per run.'}
          errorMessage={fieldErrors.webhookUrl}
        />
        {savedHook && (
          <label>
            <input type="checkbox" checked={removeWebhook} onChange={(e) => setRemoveWebhook(e.target.checked)} />
            Remove the webhook
          </label>
        )}
        <Button type="submit">Save delivery</Button>
        {saved && <p role="status">Delivery saved.</p>}
        <Alert>{error}</Alert>
      </Form>
    </section>
  );
}
