// When auth's access-token signing keys change, decided from their state alone (no I/O).
//
// A key is 'next' (published, not signing yet), 'active' (signs every new token) or 'previous'
// (stopped signing; kept in the JWKS until the last token it signed has expired). Keeping a next
// key published ahead of time means a rotation never meets a gateway that has not seen the key.

export type SigningKeyState = 'next' | 'active' | 'previous';
export type SigningKeySummary = {
  kid: string;
  state: SigningKeyState;
  activatedAt: Date | null;
  deactivatedAt: Date | null;
  usable: boolean;
};
export type ActivationReason = 'first-start' | 'scheduled' | 'manual' | 'recovery';
export type RotationStep = { kind: 'create-next' } | { kind: 'activate-next'; reason: ActivationReason };

export function planRotation(keys: readonly SigningKeySummary[], now: Date, rotationDays: number, manual = false): RotationStep[] {
  const active = keys.find((k) => k.state === 'active');
  const next = keys.find((k) => k.state === 'next');
  const steps: RotationStep[] = [];
  const reason = rotationReason(active, now, rotationDays, manual);
  if (!next || (reason && !next.usable)) steps.push({ kind: 'create-next' });
  if (reason) steps.push({ kind: 'activate-next', reason }, { kind: 'create-next' });
  return steps;
}

function rotationReason(active: SigningKeySummary | undefined, now: Date, rotationDays: number, manual: boolean): ActivationReason | null {
  if (!active) return 'first-start';
  // The private half cannot be opened (e.g. the sealing secret changed): sign with a new key.
  if (!active.usable) return 'recovery';
  if (manual) return 'manual';
  const due = (active.activatedAt?.getTime() ?? 0) + rotationDays * 86_400_000;
  return now.getTime() >= due ? 'scheduled' : null;
}
