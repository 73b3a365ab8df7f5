import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file whether it runs from src/ (tests) or dist/. */
const findRepoRoot = (): string => {
  let directory = path.dirname(fileURLToPath(import.meta.url));
  while (directory !== path.dirname(directory)) {
    if (existsSync(path.join(directory, 'backend', 'package.json'))) return directory;
    directory = path.dirname(directory);
  }
  throw new Error('Cannot find the Clinical Grounds repository root.');
};

export const REPO_ROOT = findRepoRoot();
export const BACKEND_ROOT = path.join(REPO_ROOT, 'backend');
export const REFERENCE_DATA_DIR = path.join(BACKEND_ROOT, 'src', 'modules', 'reference', 'data');
export const FRONTEND_DIST_DIR = path.join(REPO_ROOT, 'frontend', 'dist');
export const SCHEMA_FILE = path.join(BACKEND_ROOT, 'schema.gql');
