// A small glob: `*` (within a path segment), `**` (any number of segments), `?` (one
// character). Paths use `/` and are relative to the data source's folder.
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        out += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else {
        out += '[^/]*';
      }
    } else if (c === '?') {
      out += '[^/]';
    } else {
      out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${out}$`);
}

export function globMatches(glob: string, relativePath: string): boolean {
  return globToRegExp(glob).test(relativePath.split('\\').join('/'));
}

// Whether the glob can match anything below this directory (lets the walk skip folders).
export function globIsRecursive(glob: string): boolean {
  return glob.includes('/') || glob.includes('**');
}
