import { UserRole } from '@mindhill/contracts';

// tokenVersion: the user-stream version the token's claims were read at (claim ver; 0 if absent).
// expiresAt: when the token expires (ms), so a long-lived event stream ends with it.
export type Principal = {
  userId: string;
  userNumber: number;
  email: string;
  role: UserRole;
  sessionId: string;
  tokenVersion: number;
  expiresAt: number;
};
