import { UserRole } from '@mindhill/contracts';

// tokenVersion: the user-stream version the token's claims were read at (claim ver; 0 if absent).
export type Principal = { userId: string; userNumber: number; email: string; role: UserRole; sessionId: string; tokenVersion: number };
