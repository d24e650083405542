import picomatch from 'picomatch';

// The glob of a `file` source: `*` (within a path segment), `**` (any number of segments) and `?`
// (one character) are wildcards; every other character is literal (no braces, classes, extglobs
// or negation), as the API documents. Paths use `/` and are relative to the source's folder;
// dot files match like any other.
export function globMatcher(glob: string): (relativePath: string) => boolean {
  const literal = glob.replace(/[^\w*?/]/g, '\\$&');
  const matches = picomatch(literal, { dot: true });
  return (relativePath) => matches(relativePath.split('\\').join('/'));
}

export function globMatches(glob: string, relativePath: string): boolean {
  return globMatcher(glob)(relativePath);
}

// Whether the glob can match anything below this directory (lets the walk skip folders).
export function globIsRecursive(glob: string): boolean {
  return glob.includes('/') || glob.includes('**');
}
