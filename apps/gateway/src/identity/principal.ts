import { UserRole } from '@mindhill/contracts';

export type Principal = { userId: string; userNumber: number; email: string; role: UserRole; sessionId: string };
