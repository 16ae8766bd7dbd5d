// @ts-check
/**
 * Local ESLint rule enforcing Reelsmith's one-way imports (DESIGN.md "Layering").
 *
 * Each relative import is resolved against the importing file and both ends are mapped to a
 * layer (shared, preload, renderer, main, main/app, server, other). A layer may only import from
 * the layers listed in ALLOWED. Bare imports are checked for `electron` (main/app and preload
 * only) and Node built-ins (never in shared, renderer or preload). Modelled on VS Code's
 * `code-layering` rule.
 */
import path from 'node:path';
import { builtinModules } from 'node:module';

const ROOT = path.resolve(import.meta.dirname, '..');

/** @param {string} file */
function layerOf(file) {
  const rel = path.relative(ROOT, file).split(path.sep);
  const [top, second] = rel;
  if (top === 'main') return second === 'app' ? 'main/app' : 'main';
  if (top === 'shared' || top === 'preload' || top === 'renderer' || top === 'server') return top;
  return 'other';
}

/** Which layers each layer may import from. */
const ALLOWED = {
  shared: ['shared'],
  preload: ['preload', 'shared'],
  renderer: ['renderer', 'shared'],
  server: ['server', 'shared'],
  main: ['main', 'shared', 'server'],
  'main/app': ['main/app', 'main', 'shared', 'server'],
  other: ['shared', 'preload', 'renderer', 'server', 'main', 'main/app', 'other'],
};

const ELECTRON_OK = new Set(['main/app', 'preload']);
const NODE_BUILTINS_FORBIDDEN = new Set(['shared', 'renderer', 'preload']);
const builtins = new Set(builtinModules);

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the one-way import layering of DESIGN.md' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const from = /** @type {keyof typeof ALLOWED} */ (layerOf(file));
    const isTest = /\.test\.tsx?$/.test(file);

    /** @param {import('estree').Node} node @param {unknown} source */
    function check(node, source) {
      if (typeof source !== 'string') return;
      if (source === 'electron' || source.startsWith('electron/')) {
        if (!ELECTRON_OK.has(from) && !(isTest && from === 'main/app')) {
          context.report({
            node,
            message: `Only main/app and preload may import 'electron' (this is ${from}).`,
          });
        }
        return;
      }
      const bare = source.startsWith('node:') ? source.slice(5) : source;
      if (
        NODE_BUILTINS_FORBIDDEN.has(from) &&
        (source.startsWith('node:') || builtins.has(bare.split('/')[0] ?? ''))
      ) {
        context.report({
          node,
          message: `${from} runs outside Node: it may not import the built-in '${source}'.`,
        });
        return;
      }
      if (!source.startsWith('.')) return;
      const target = layerOf(path.resolve(path.dirname(file), source));
      // Tests may use the shared helpers in tests/.
      if (!ALLOWED[from].includes(target) && !(isTest && target === 'other')) {
        context.report({
          node,
          message: `${from} may not import from ${target} ('${source}'): see DESIGN.md "Layering".`,
        });
      }
    }

    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

export default { rules: { layering: rule } };
