import { Actor } from '@mindhill/contracts';
import { DomainError } from './domain-error';

// The one access rule of the platform ("who may see and use what", docs/architecture.md).
// Workflows, data sources and reports carry an owner (the creator's user number), isPublic and
// sharedWithUsers; a data source also carries usableByUsers, because using it lends its stored
// credentials. Everything else (executions, contents, history, report runs…) follows its parent.
//   admin, system: see, use and change everything
//   user:          sees what they own, what is shared with them and what is public;
//                  changes what they own; uses a data source they own or may use
//   viewer:        sees what is shared with them or public; owns, uses and changes nothing
//   anyone else:   (no role, e.g. a direct call without the gateway's actor) sees what is public
export type Who = Pick<Actor, 'role' | 'userNumber'>;
export type ResourceAccess = { ownerNumber: number | null; isPublic: boolean; sharedWithUsers: readonly number[] };
export type UsableResource = ResourceAccess & { usableByUsers: readonly number[] };

export function seesEverything(who: Who): boolean {
  return who.role === 'admin' || who.role === 'system';
}

function isOwner(who: Who, resource: ResourceAccess): boolean {
  return who.role === 'user' && who.userNumber !== null && resource.ownerNumber !== null && who.userNumber === resource.ownerNumber;
}

function sharedWith(who: Who, resource: ResourceAccess): boolean {
  return (who.role === 'user' || who.role === 'viewer') && who.userNumber !== null && resource.sharedWithUsers.includes(who.userNumber);
}

export function canSee(who: Who, resource: ResourceAccess): boolean {
  return seesEverything(who) || resource.isPublic || isOwner(who, resource) || sharedWith(who, resource);
}

// Changing a resource, or its sharing: its owner or an admin.
export function canChange(who: Who, resource: ResourceAccess): boolean {
  return seesEverything(who) || isOwner(who, resource);
}

// Running a workflow (or a report) one may see: users and admins; viewers only read.
export function canRun(who: Who, resource: ResourceAccess): boolean {
  return (who.role === 'user' && canSee(who, resource)) || seesEverything(who);
}

// Naming a data source in a workflow (and so lending its credentials to it): its owner, a user
// it is usable by, or an admin. Seeing a data source (public, shared) does not make it usable.
export function canUse(who: Who, resource: UsableResource): boolean {
  if (seesEverything(who)) return true;
  if (who.role !== 'user' || who.userNumber === null) return false;
  return isOwner(who, resource) || resource.usableByUsers.includes(who.userNumber);
}

export type AccessColumns = { owner: string; isPublic: string; sharedWith: string };
export type SqlPredicate = { sql: string; params: unknown[] };

// The same rule as canSee, as a WHERE predicate over a row's columns (`?` placeholders), so
// lists are scoped in SQL and pages stay full.
export function visibleTo(who: Who, columns: AccessColumns): SqlPredicate {
  if (seesEverything(who)) return { sql: 'TRUE', params: [] };
  if (who.userNumber === null || (who.role !== 'user' && who.role !== 'viewer')) return { sql: `(${columns.isPublic})`, params: [] };
  if (who.role === 'viewer') return { sql: `(${columns.isPublic} OR ? = ANY(${columns.sharedWith}))`, params: [who.userNumber] };
  return {
    sql: `(${columns.isPublic} OR ${columns.owner} = ? OR ? = ANY(${columns.sharedWith}))`,
    params: [who.userNumber, who.userNumber],
  };
}

// For routes that read one resource: what the caller may not see does not exist for them.
export function assertCanSee(who: Who, resource: ResourceAccess, notFound: () => DomainError): void {
  if (!canSee(who, resource)) throw notFound();
}

// For changes to something the caller may see: a coded 403.
export function assertCanChangeResource(who: Who, resource: ResourceAccess, what: string): void {
  if (!canChange(who, resource))
    throw new DomainError('AUTH.NOT_OWNER', `Only the owner of this ${what} or an admin may change it`, 'forbidden');
}

export function assertCanRun(who: Who, resource: ResourceAccess, what: string): void {
  if (!canRun(who, resource)) throw new DomainError('AUTH.FORBIDDEN', `Viewers may not run this ${what}`, 'forbidden');
}

// The sharing fields of a PATCH body, validated the same way everywhere.
export function normalizeShares(users: readonly number[]): number[] {
  return [...new Set(users)].sort((a, b) => a - b);
}
