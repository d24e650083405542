import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { HTTP_STATUS_BY_KIND } from '@mindhill/platform';

export type ErrorCode = { code: string; status: number };

// The DomainError codes a controller method can answer, read from the sources: the files its body
// uses (the injected use cases, the functions it calls) and everything they import, transitively,
// within the repository. Each `new DomainError('CODE', …, 'kind')` found there counts, and so does
// each call of a small factory that passes its first parameter as the code
// (`invalid('INGESTION.BAD_URL', …)`). A file is taken whole, so a route may list a code another
// route of the same file answers (more, never fewer); a code computed at run time (the schedule
// codes built from a prefix) is not seen.
export class ErrorCodeScanner {
  private readonly parsed = new Map<string, ts.SourceFile>();
  private readonly codesOfFile = new Map<string, ErrorCode[]>();
  private readonly libExports = new Map<string, Map<string, string>>();

  constructor(private readonly repoRoot: string) {}

  codesOf(file: string, className: string, method: string): ErrorCode[] {
    const source = this.parse(file);
    const cls = findClass(source, className);
    if (!cls) throw new Error(`${file}: no class ${className}`);
    const fn = cls.members.find((m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && m.name.getText(source) === method);
    if (!fn?.body) throw new Error(`${file}: no method ${className}.${method}`);
    const injected = new Map<string, string>();
    for (const member of cls.members)
      if (ts.isConstructorDeclaration(member))
        for (const p of member.parameters) if (p.type && ts.isTypeReferenceNode(p.type)) injected.set(p.name.getText(source), p.type.typeName.getText(source));
    const used = new Set<string>();
    const visit = (node: ts.Node) => {
      if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) {
        const type = injected.get(node.name.text);
        if (type) used.add(type);
      } else if (ts.isIdentifier(node)) used.add(node.text);
      ts.forEachChild(node, visit);
    };
    visit(fn.body);
    const imports = this.importsOf(file);
    const start = [file, ...[...used].flatMap((name) => imports.get(name) ?? [])];
    const seen = new Set<string>();
    const queue = [...start];
    while (queue.length) {
      const next = queue.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      // The controller's own file: only its own throws, not every use case it imports.
      if (next !== file) for (const targets of this.importsOf(next).values()) queue.push(...targets);
    }
    const byCode = new Map<string, ErrorCode>();
    for (const f of [...seen].sort()) {
      const codes = f === file ? domainErrorsIn(source, fn.body) : this.fileCodes(f);
      for (const c of codes) byCode.set(c.code, c);
    }
    return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
  }

  private parse(file: string): ts.SourceFile {
    let source = this.parsed.get(file);
    if (!source) {
      source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
      this.parsed.set(file, source);
    }
    return source;
  }

  private fileCodes(file: string): ErrorCode[] {
    let codes = this.codesOfFile.get(file);
    if (!codes) {
      const source = this.parse(file);
      codes = domainErrorsIn(source, source);
      this.codesOfFile.set(file, codes);
    }
    return codes;
  }

  // Imported name → the files that declare it (relative imports, and @mindhill/* by exported name).
  private importsOf(file: string): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const statement of this.parse(file).statements) {
      if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
      const spec = statement.moduleSpecifier;
      if (!spec || !ts.isStringLiteral(spec)) continue;
      const names = importedNames(statement);
      if (spec.text.startsWith('.')) {
        const target = resolveTs(path.resolve(path.dirname(file), spec.text));
        if (target) for (const name of names.length ? names : ['*']) out.set(name, [...(out.get(name) ?? []), target]);
      } else if (spec.text.startsWith('@mindhill/')) {
        for (const name of names) {
          const target = this.libFileExporting(name);
          if (target) out.set(name, [...(out.get(name) ?? []), target]);
        }
      }
    }
    return out;
  }

  private libFileExporting(name: string): string | undefined {
    if (!this.libExports.size) {
      const libs = path.join(this.repoRoot, 'libs');
      for (const f of readdirSync(libs, { recursive: true, encoding: 'utf8' })) {
        if (!f.endsWith('.ts') || f.endsWith('.spec.ts') || f.includes('node_modules') || f.startsWith('testing/')) continue;
        const full = path.join(libs, f);
        for (const exported of topLevelExports(this.parse(full))) {
          const byName = this.libExports.get(exported) ?? new Map<string, string>();
          byName.set(full, full);
          this.libExports.set(exported, byName);
        }
      }
    }
    return [...(this.libExports.get(name)?.keys() ?? [])][0];
  }
}

function findClass(node: ts.Node, name: string): ts.ClassDeclaration | undefined {
  if (ts.isClassDeclaration(node) && node.name?.text === name) return node;
  return ts.forEachChild(node, (child) => findClass(child, name));
}

function importedNames(statement: ts.ImportDeclaration | ts.ExportDeclaration): string[] {
  if (ts.isExportDeclaration(statement))
    return statement.exportClause && ts.isNamedExports(statement.exportClause) ? statement.exportClause.elements.map((e) => e.name.text) : [];
  const clause = statement.importClause;
  if (!clause) return [];
  const names = clause.name ? [clause.name.text] : [];
  if (clause.namedBindings && ts.isNamedImports(clause.namedBindings)) names.push(...clause.namedBindings.elements.map((e) => e.name.text));
  return names;
}

function resolveTs(base: string): string | undefined {
  return [`${base}.ts`, path.join(base, 'index.ts')].find((f) => existsSync(f));
}

function topLevelExports(source: ts.SourceFile): string[] {
  const names: string[] = [];
  for (const s of source.statements) {
    const exported = ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name) names.push(s.name.text);
    if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push(d.name.text);
  }
  return names;
}

const KINDS = HTTP_STATUS_BY_KIND as Record<string, number>;

// `new DomainError('CODE', message, 'kind')` under `root`, and the calls of factories that pass
// their parameter on as the code.
function domainErrorsIn(source: ts.SourceFile, root: ts.Node): ErrorCode[] {
  const found: ErrorCode[] = [];
  const factories = new Map<string, number>();
  const walk = (node: ts.Node, visitor: (n: ts.Node) => void) => {
    visitor(node);
    ts.forEachChild(node, (c) => walk(c, visitor));
  };
  walk(source, (node) => {
    if (!ts.isNewExpression(node) || node.expression.getText(source) !== 'DomainError') return;
    const [code, , kind] = node.arguments ?? [];
    if (!code || !kind || !ts.isStringLiteral(kind) || !(kind.text in KINDS)) return;
    if (ts.isIdentifier(code)) {
      const factory = enclosingFunctionName(node);
      if (factory) factories.set(factory, KINDS[kind.text]!);
    }
  });
  walk(root, (node) => {
    if (ts.isNewExpression(node) && node.expression.getText(source) === 'DomainError') {
      const [code, , kind] = node.arguments ?? [];
      if (code && kind && ts.isStringLiteral(code) && ts.isStringLiteral(kind) && kind.text in KINDS)
        found.push({ code: code.text, status: KINDS[kind.text]! });
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && factories.has(node.expression.text)) {
      const [code] = node.arguments;
      if (code && ts.isStringLiteral(code)) found.push({ code: code.text, status: factories.get(node.expression.text)! });
    }
  });
  return found;
}

function enclosingFunctionName(node: ts.Node): string | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isFunctionDeclaration(n)) return n.name?.text;
    if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && ts.isVariableDeclaration(n.parent) && ts.isIdentifier(n.parent.name))
      return n.parent.name.text;
  }
  return undefined;
}
