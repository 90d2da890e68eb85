/** @type {import('jest').Config} */
const swc = JSON.parse(require('fs').readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swc.$schema;
// The console's components (.tsx): the same compiler with JSX, React's automatic runtime. Their tests
// choose the browser-like environment themselves with a `@jest-environment jsdom` docblock.
const swcTsx = JSON.parse(JSON.stringify(swc));
swcTsx.jsc.parser.tsx = true;
swcTsx.jsc.transform.react = { runtime: 'automatic' };

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/workflows', '<rootDir>/activities', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.test.ts', '**/*.test.tsx'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc], '^.+\\.tsx$': ['@swc/jest', swcTsx] },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 120000,
};
