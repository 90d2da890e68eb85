// Runs TypeScript entry points without a build step: ts-node with the swc transpiler
// (fast, keeps decorator metadata for NestJS). Type checking is `npm run typecheck`.
process.env.TS_NODE_PROJECT = process.env.TS_NODE_PROJECT || `${__dirname}/../tsconfig.json`;
require('ts-node').register({ swc: true, transpileOnly: true });
