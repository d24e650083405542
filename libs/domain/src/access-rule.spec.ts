import { canChange, canRun, canSee, canUse, UsableResource, visibleTo, Who } from './access-rule';

const OWNER = 10;
const SHARED = 20;
const USABLE = 30;
const OTHER = 40;

const callers: Record<string, Who> = {
  owner: { role: 'user', userNumber: OWNER },
  'user with a share': { role: 'user', userNumber: SHARED },
  'user it is usable by': { role: 'user', userNumber: USABLE },
  'other user': { role: 'user', userNumber: OTHER },
  'viewer with a share': { role: 'viewer', userNumber: SHARED },
  viewer: { role: 'viewer', userNumber: OTHER },
  // A viewer who created it while still a user owns nothing now.
  'viewer with the owner number': { role: 'viewer', userNumber: OWNER },
  admin: { role: 'admin', userNumber: 1 },
  system: { role: 'system', userNumber: null },
  anonymous: { role: null, userNumber: null },
};

const privateOne: UsableResource = { ownerNumber: OWNER, isPublic: false, sharedWithUsers: [SHARED], usableByUsers: [USABLE] };
const publicOne: UsableResource = { ...privateOne, isPublic: true };

// [caller, sees private, sees public, changes, runs private, uses]
const table: [string, boolean, boolean, boolean, boolean, boolean][] = [
  ['owner', true, true, true, true, true],
  ['user with a share', true, true, false, true, false],
  ['user it is usable by', false, true, false, false, true],
  ['other user', false, true, false, false, false],
  ['viewer with a share', true, true, false, false, false],
  ['viewer', false, true, false, false, false],
  ['viewer with the owner number', false, true, false, false, false],
  ['admin', true, true, true, true, true],
  ['system', true, true, true, true, true],
  ['anonymous', false, true, false, false, false],
];

// Evaluates visibleTo's SQL against a row, as PostgreSQL would, to prove it says what canSee says.
function sqlSays(who: Who, row: UsableResource): boolean {
  const { sql, params } = visibleTo(who, { owner: 'owner', isPublic: 'is_public', sharedWith: 'shared' });
  let i = 0;
  const js = sql
    .replace(/\? = ANY\(shared\)/g, () => `shared.includes(${JSON.stringify(params[i++])})`)
    .replace(/owner = \?/g, () => `owner === ${JSON.stringify(params[i++])}`)
    .replace(/\bOR\b/g, '||')
    .replace(/TRUE/g, 'true');
  return new Function('owner', 'is_public', 'shared', `return ${js};`)(row.ownerNumber, row.isPublic, row.sharedWithUsers) as boolean;
}

describe('the access rule', () => {
  it.each(table)('%s', (name, seesPrivate, seesPublic, changes, runs, uses) => {
    const who = callers[name]!;
    expect(canSee(who, privateOne)).toBe(seesPrivate);
    expect(canSee(who, publicOne)).toBe(seesPublic);
    expect(canChange(who, privateOne)).toBe(changes);
    expect(canChange(who, publicOne)).toBe(changes);
    expect(canRun(who, privateOne)).toBe(runs);
    expect(canUse(who, privateOne)).toBe(uses);
    // Public does not make a data source usable.
    expect(canUse(who, publicOne)).toBe(uses);
    expect(sqlSays(who, privateOne)).toBe(seesPrivate);
    expect(sqlSays(who, publicOne)).toBe(seesPublic);
  });

  it('gives nothing to a resource without an owner except to admins', () => {
    const orphan: UsableResource = { ownerNumber: null, isPublic: false, sharedWithUsers: [], usableByUsers: [] };
    expect(canSee({ role: 'user', userNumber: null }, orphan)).toBe(false);
    expect(canUse({ role: 'user', userNumber: null }, orphan)).toBe(false);
    expect(canChange({ role: 'user', userNumber: null }, orphan)).toBe(false);
    expect(canSee({ role: 'admin', userNumber: null }, orphan)).toBe(true);
  });
});
