import { Principal } from '../identity/principal';
import { Access } from './route-table';

export type AccessDecision = { allow: true } | { allow: false; status: 401 | 403 | 503; code: string; message: string };

// The whole access rule in one pure function, so every route × role combination can be tested.
export function decideAccess(access: Access, principal: Principal | null, tokenProblem: string | null): AccessDecision {
  if (access.kind === 'public') return { allow: true };
  // Not the caller's fault: the gateway has no keys yet (auth has not answered since it started).
  if (!principal && tokenProblem === 'GATEWAY.KEYS_UNAVAILABLE') {
    return { allow: false, status: 503, code: tokenProblem, message: 'Access tokens cannot be checked yet; try again shortly' };
  }
  if (!principal) {
    return { allow: false, status: 401, code: tokenProblem ?? 'AUTH.TOKEN_MISSING', message: tokenMessage(tokenProblem) };
  }
  if (!access.roles.includes(principal.role)) {
    return { allow: false, status: 403, code: 'AUTH.FORBIDDEN', message: `This needs one of the roles: ${access.roles.join(', ')}` };
  }
  return { allow: true };
}

function tokenMessage(problem: string | null): string {
  if (!problem) return 'Sign in first: an access token is required';
  if (problem === 'AUTH.TOKEN_STALE') return 'The account changed after this access token was issued: refresh it';
  return 'Access token is not valid';
}
