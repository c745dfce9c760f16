/**
 * `replyline/boundaries`: which project folders a folder may import, checked on the path the
 * import resolves to (relative or `@/` alias alike), so a deeper file or a new alias cannot slip
 * past it. Library rules fall short here: `no-restricted-imports` sees only the written string,
 * and import-x's `no-restricted-paths` needs a native resolver and cannot allow `import type` only.
 *
 * Options (paths relative to the project root, a folder or a file without extension):
 * - `allow`: the only project paths this folder may import (omitted: any not denied);
 * - `allowTypes`: project paths it may import with `import type` only;
 * - `deny`: project paths it may never import;
 * - `denyLibraries`: packages it may never import (browser and extension APIs in Node code);
 * - `librariesTypeOnly`: libraries only with `import type` (frozen migrations);
 * - `why`: one sentence appended to every report.
 */
import path from 'node:path';

const ROOT = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const ALIAS = /^(@@|~~|@|~)(\/|$)/;
const EXTENSION = /\.(d\.ts|ts|tsx|js|mjs|cjs|jsx)$/;

const within = (target, entries) => entries.some((entry) => target === entry || target.startsWith(`${entry}/`));

/** The project path an import names (`lib/engine/types`), or null for a library. */
export function resolveProjectPath(filename, specifier) {
  let absolute;
  if (specifier.startsWith('.')) absolute = path.resolve(path.dirname(filename), specifier);
  else if (ALIAS.test(specifier)) absolute = path.resolve(ROOT, specifier.replace(ALIAS, ''));
  else return null;
  return path.relative(ROOT, absolute).split(path.sep).join('/').replace(EXTENSION, '');
}

const libraryName = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/** @type {import('eslint').Rule.RuleModule} */
export const boundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep each folder to the project folders and libraries its layer may use.' },
    schema: [
      {
        type: 'object',
        properties: {
          allow: { type: 'array', items: { type: 'string' } },
          allowTypes: { type: 'array', items: { type: 'string' } },
          deny: { type: 'array', items: { type: 'string' } },
          denyLibraries: { type: 'array', items: { type: 'string' } },
          librariesTypeOnly: { type: 'boolean' },
          why: { type: 'string' },
        },
        additionalProperties: false,
      },
    ],
  },
  create(context) {
    const options = context.options[0] ?? {};
    const filename = context.filename;
    const self = path.relative(ROOT, filename).split(path.sep).join('/');
    const why = options.why ? ` ${options.why}` : '';

    function check(node, specifier, typeOnly) {
      if (typeof specifier !== 'string') return;
      const target = resolveProjectPath(filename, specifier);
      const report = (what) => context.report({ node, message: `${self} may not import ${what}.${why}` });
      if (target === null) {
        if (specifier.startsWith('node:')) return;
        const name = libraryName(specifier);
        if (options.denyLibraries?.includes(name)) return report(`the library '${name}'`);
        if (options.librariesTypeOnly && !typeOnly) return report(`'${name}' other than with \`import type\``);
        return;
      }
      if (options.deny && within(target, options.deny)) return report(`'${target}'`);
      if (!options.allow || within(target, options.allow)) return;
      if (typeOnly && options.allowTypes && within(target, options.allowTypes)) return;
      report(options.allowTypes && within(target, options.allowTypes) ? `'${target}' other than with \`import type\`` : `'${target}'`);
    }

    const typeOnlyImport = (node) =>
      node.importKind === 'type' || (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type'));

    return {
      ImportDeclaration: (node) => check(node, node.source.value, typeOnlyImport(node)),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value, node.exportKind === 'type'),
      ExportAllDeclaration: (node) => check(node, node.source.value, node.exportKind === 'type'),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value, false),
      // `import('x').T` in a type position: a type-only dependency.
      TSImportType: (node) => check(node, node.source?.value ?? node.argument?.literal?.value, true),
    };
  },
};

export default { rules: { boundaries } };
