import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { HTTP_STATUS_BY_KIND } from '@mindhill/platform';

export type ErrorCode = { code: string; status: number };

// A top-level declaration of a file, or one property of a top-level object literal
// (`userErrors.notFound`): the unit the scanner follows.
type Target = { file: string; name: string; prop?: string };
type FileInfo = {
  source: ts.SourceFile;
  declarations: Map<string, ts.Node>;
  imports: Map<string, Target>;
  // Functions of the file that pass a parameter on as a DomainError's code, with the statuses.
  factories: Map<string, number[]>;
  // Type name → the functions and constants of the file declared to return or hold one.
  builders: Map<string, string[]>;
};

const KINDS = HTTP_STATUS_BY_KIND as Record<string, number>;

// The DomainError codes a controller method can answer, read from the sources: from the method's
// body, every declaration it uses (the injected use cases, the functions it calls, the error
// factories it names) and, transitively, what those use, across the repository (relative imports
// and @mindhill/* libraries by exported name). A `new DomainError('CODE', …, 'kind')` found there
// counts, and so does each call of a small factory passing its parameter on as the code
// (`invalid('INGESTION.BAD_URL', …)`). A class is taken whole, so a route may list a code another
// method of the same class answers (more, never fewer); a code computed at run time (the schedule
// codes built from a prefix) is not seen.
export class ErrorCodeScanner {
  private readonly files = new Map<string, FileInfo>();
  private libExports?: Map<string, string>;

  constructor(private readonly repoRoot: string) {}

  codesOf(file: string, className: string, method: string): ErrorCode[] {
    const info = this.info(file);
    const cls = findClass(info.source, className);
    if (!cls) throw new Error(`${file}: no class ${className}`);
    const fn = cls.members.find((m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && m.name.getText(info.source) === method);
    if (!fn?.body) throw new Error(`${file}: no method ${className}.${method}`);
    const injected = new Map<string, string>();
    for (const member of cls.members)
      if (ts.isConstructorDeclaration(member))
        for (const p of member.parameters)
          if (p.type && ts.isTypeReferenceNode(p.type)) injected.set(p.name.getText(info.source), p.type.typeName.getText(info.source));
    const found: ErrorCode[] = [];
    const queue = this.scan(file, fn.body, found, (node) =>
      ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword ? injected.get(node.name.text) : undefined,
    );
    const seen = new Set<string>();
    while (queue.length) {
      const target = queue.pop()!;
      const key = `${target.file}#${target.name}.${target.prop ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const node = this.declaration(target);
      if (!node) continue;
      queue.push(...this.scan(target.file, node, found));
      // A type injected by a token (`@Inject(TOKEN) decider: DataSourceDecider`): the functions of
      // its file that build one are what runs.
      if (ts.isTypeAliasDeclaration(node) || ts.isInterfaceDeclaration(node))
        for (const name of this.info(target.file).builders.get(target.name) ?? []) queue.push({ file: target.file, name });
    }
    const byCode = new Map<string, ErrorCode>();
    for (const c of found) byCode.set(`${c.code} ${c.status}`, c);
    return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code) || a.status - b.status);
  }

  // The codes under `root` (into `found`) and the declarations it uses.
  private scan(file: string, root: ts.Node, found: ErrorCode[], alias?: (node: ts.Node) => string | undefined): Target[] {
    const info = this.info(file);
    const refs: Target[] = [];
    const refer = (name: string, prop?: string) => {
      const imported = info.imports.get(name);
      if (imported) refs.push({ ...imported, ...(prop ? { prop } : {}) });
      else if (info.declarations.has(name)) refs.push({ file, name, ...(prop ? { prop } : {}) });
    };
    const visit = (node: ts.Node) => {
      const injected = alias?.(node);
      if (injected) refer(injected);
      if (ts.isNewExpression(node) && node.expression.getText(info.source) === 'DomainError') found.push(...literalCodes(node));
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
        const [code] = node.arguments;
        const statuses = this.factoryStatuses(info, node.expression.text);
        if (code && ts.isStringLiteral(code)) for (const status of statuses) found.push({ code: code.text, status });
      }
      if (ts.isIdentifier(node) && !isDeclarationName(node)) {
        const parent = node.parent;
        const prop = ts.isPropertyAccessExpression(parent) && parent.expression === node ? parent.name.text : undefined;
        if (!(ts.isPropertyAccessExpression(parent) && parent.name === node)) refer(node.text, prop);
      }
      ts.forEachChild(node, visit);
    };
    visit(root);
    return refs;
  }

  // A factory of this file, or one it imports.
  private factoryStatuses(info: FileInfo, name: string): number[] {
    const own = info.factories.get(name);
    if (own) return own;
    const imported = info.imports.get(name);
    return imported ? (this.info(imported.file).factories.get(imported.name) ?? []) : [];
  }

  private declaration({ file, name, prop }: Target): ts.Node | undefined {
    const node = this.info(file).declarations.get(name);
    if (!node || !prop || !ts.isVariableDeclaration(node) || !node.initializer || !ts.isObjectLiteralExpression(node.initializer))
      return node;
    // One property of an object of factories: only what it throws.
    const property = node.initializer.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === prop);
    return property ?? node;
  }

  private info(file: string): FileInfo {
    let info = this.files.get(file);
    if (!info) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
      info = {
        source,
        declarations: declarationsOf(source),
        imports: new Map(),
        factories: factoriesOf(source),
        builders: buildersOf(source),
      };
      this.files.set(file, info);
      for (const statement of source.statements) {
        if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
        const spec = statement.moduleSpecifier.text;
        for (const [local, exported] of importedNames(statement)) {
          const target = spec.startsWith('.')
            ? resolveTs(path.resolve(path.dirname(file), spec))
            : spec.startsWith('@mindhill/')
              ? this.libFileExporting(exported)
              : undefined;
          if (target) info.imports.set(local, { file: target, name: exported });
        }
      }
    }
    return info;
  }

  private libFileExporting(name: string): string | undefined {
    if (!this.libExports) {
      this.libExports = new Map();
      const libs = path.join(this.repoRoot, 'libs');
      for (const f of readdirSync(libs, { recursive: true, encoding: 'utf8' }).sort()) {
        if (!f.endsWith('.ts') || f.endsWith('.spec.ts') || f.startsWith('testing/')) continue;
        const full = path.join(libs, f);
        for (const exported of exportedNames(ts.createSourceFile(full, readFileSync(full, 'utf8'), ts.ScriptTarget.ES2022)))
          if (!this.libExports.has(exported)) this.libExports.set(exported, full);
      }
    }
    return this.libExports.get(name);
  }
}

// `new DomainError('CODE', message, 'kind')`; a kind passed as a parameter typed as a union of
// kinds (`kind: 'invalid' | 'unauthorized'`) counts as each of them.
function literalCodes(node: ts.NewExpression): ErrorCode[] {
  const [code, , kind] = node.arguments ?? [];
  if (!code || !kind || !ts.isStringLiteral(code)) return [];
  return kindsOf(kind).map((status) => ({ code: code.text, status }));
}

function kindsOf(kind: ts.Expression): number[] {
  if (ts.isStringLiteral(kind)) return kind.text in KINDS ? [KINDS[kind.text]!] : [];
  if (!ts.isIdentifier(kind)) return [];
  const parameter = parameterNamed(kind, kind.text);
  const type = parameter?.type;
  const literals = type && ts.isUnionTypeNode(type) ? type.types : type ? [type] : [];
  return literals.flatMap((t) =>
    ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) && t.literal.text in KINDS ? [KINDS[t.literal.text]!] : [],
  );
}

function parameterNamed(node: ts.Node, name: string): ts.ParameterDeclaration | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent)
    if (ts.isFunctionLike(n)) {
      const p = n.parameters.find((q) => ts.isIdentifier(q.name) && q.name.text === name);
      if (p) return p;
    }
  return undefined;
}

// Functions that hand their parameter to a DomainError as its code, with the kinds they give it.
function factoriesOf(source: ts.SourceFile): Map<string, number[]> {
  const factories = new Map<string, number[]>();
  const visit = (node: ts.Node) => {
    if (ts.isNewExpression(node) && node.expression.getText(source) === 'DomainError') {
      const [code, , kind] = node.arguments ?? [];
      const name = code && kind && ts.isIdentifier(code) && parameterNamed(node, code.text) ? enclosingFunctionName(node) : undefined;
      if (name && kind) factories.set(name, kindsOf(kind));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return factories;
}

function buildersOf(source: ts.SourceFile): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (type: ts.TypeNode | undefined, name: string) => {
    const visit = (n: ts.Node) => {
      if (ts.isTypeReferenceNode(n) && ts.isIdentifier(n.typeName)) out.set(n.typeName.text, [...(out.get(n.typeName.text) ?? []), name]);
      ts.forEachChild(n, visit);
    };
    if (type) visit(type);
  };
  for (const s of source.statements) {
    if (ts.isFunctionDeclaration(s) && s.name) add(s.type, s.name.text);
    if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name)) add(d.type, d.name.text);
  }
  return out;
}

function declarationsOf(source: ts.SourceFile): Map<string, ts.Node> {
  const out = new Map<string, ts.Node>();
  for (const s of source.statements) {
    if ((ts.isTypeAliasDeclaration(s) || ts.isInterfaceDeclaration(s)) && !out.has(s.name.text)) out.set(s.name.text, s);
    if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name) out.set(s.name.text, s);
    if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name)) out.set(d.name.text, d);
  }
  return out;
}

function exportedNames(source: ts.SourceFile): string[] {
  const names: string[] = [];
  for (const s of source.statements) {
    if (!ts.canHaveModifiers(s) || !ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isTypeAliasDeclaration(s) || ts.isInterfaceDeclaration(s)) && s.name)
      names.push(s.name.text);
    if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push(d.name.text);
  }
  return names;
}

// Local name → exported name of the named imports.
function importedNames(statement: ts.ImportDeclaration): [string, string][] {
  const bindings = statement.importClause?.namedBindings;
  if (!bindings || !ts.isNamedImports(bindings)) return [];
  return bindings.elements.map((e) => [e.name.text, (e.propertyName ?? e.name).text]);
}

function resolveTs(base: string): string | undefined {
  return [`${base}.ts`, path.join(base, 'index.ts')].find((f) => existsSync(f));
}

function findClass(node: ts.Node, name: string): ts.ClassDeclaration | undefined {
  if (ts.isClassDeclaration(node) && node.name?.text === name) return node;
  return ts.forEachChild(node, (child) => findClass(child, name));
}

function isDeclarationName(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (
    (ts.isVariableDeclaration(parent) || ts.isFunctionDeclaration(parent) || ts.isClassDeclaration(parent) || ts.isParameter(parent)) &&
    parent.name === node
  );
}

function enclosingFunctionName(node: ts.Node): string | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isFunctionDeclaration(n)) return n.name?.text;
    if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && ts.isVariableDeclaration(n.parent) && ts.isIdentifier(n.parent.name))
      return n.parent.name.text;
  }
  return undefined;
}
