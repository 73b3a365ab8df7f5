// GraphQL code generation: `npx graphql-codegen --config frontend/codegen.ts` (from the repository
// root) or `npx graphql-codegen --config codegen.ts` (from frontend/). Paths are resolved from this
// file, so both work. The output in src/generated/ is committed and never edited by hand.
import type { CodegenConfig } from '@graphql-codegen/cli';
import { fileURLToPath } from 'node:url';

const frontendDirectory = fileURLToPath(new URL('.', import.meta.url));

const config: CodegenConfig = {
  schema: `${frontendDirectory}../backend/schema.gql`,
  documents: [`${frontendDirectory}src/**/*.graphql.ts`],
  ignoreNoDocuments: false,
  emitLegacyCommonJSImports: false,
  generates: {
    [`${frontendDirectory}src/generated/`]: {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        defaultScalarType: 'unknown',
        skipTypename: false,
        nonOptionalTypename: true,
        avoidOptionals: { field: true, inputValue: false },
      },
    },
  },
};

export default config;
