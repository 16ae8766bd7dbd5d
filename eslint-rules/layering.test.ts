import path from 'node:path';
import { RuleTester } from 'eslint';
import { describe, it } from 'vitest';
import plugin from './layering.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const root = path.resolve(import.meta.dirname, '..');
const file = (rel: string) => path.join(root, rel);
const tester = new RuleTester({ languageOptions: { ecmaVersion: 2022, sourceType: 'module' } });

tester.run('reelsmith/layering', plugin.rules.layering, {
  valid: [
    {
      filename: file('shared/contract/a.ts'),
      code: "import { z } from 'zod'; import x from '../errors';",
    },
    {
      filename: file('main/store/a.ts'),
      code: "import x from '../../shared/errors'; import fs from 'node:fs';",
    },
    {
      filename: file('main/app/a.ts'),
      code: "import { app } from 'electron'; import x from '../services';",
    },
    {
      filename: file('preload/preload.ts'),
      code: "import { contextBridge } from 'electron'; import x from '../shared/contract';",
    },
    {
      filename: file('renderer/features/x/A.tsx'),
      code: "import x from '../../../shared/contract';",
    },
    { filename: file('server/src/a.ts'), code: "import x from '../../shared/api/a';" },
  ],
  invalid: [
    { filename: file('shared/a.ts'), code: "import x from '../main/services';", errors: 1 },
    { filename: file('shared/a.ts'), code: "import fs from 'node:fs';", errors: 1 },
    { filename: file('renderer/A.tsx'), code: "import x from '../main/services';", errors: 1 },
    { filename: file('renderer/A.tsx'), code: "import x from '../server/src/app';", errors: 1 },
    { filename: file('renderer/A.tsx'), code: "import path from 'path';", errors: 1 },
    { filename: file('main/store/a.ts'), code: "import { app } from 'electron';", errors: 1 },
    { filename: file('main/services.ts'), code: "import x from './app/bootstrap';", errors: 1 },
    { filename: file('server/a.ts'), code: "import x from '../main/services';", errors: 1 },
    { filename: file('preload/p.ts'), code: "import x from '../main/services';", errors: 1 },
    { filename: file('shared/a.ts'), code: "export * from '../renderer/x';", errors: 1 },
    { filename: file('shared/a.ts'), code: "const x = import('../main/x');", errors: 1 },
  ],
});
