// The catalogue of permit definitions: every version of every type. It lives in libs/, not workflows/,
// because both sides read it: the workflows register one type per version (workflows/index.ts), and the
// API, the projection activity and the scripts look definitions up. Bundled into the workflow sandbox,
// so pure data and relative imports only. A new version is a new file `<code-kebab>.v<N>.ts` added here;
// old versions stay listed for as long as workflows started on them may be running (see docs/versions.md).
import type { PermitDefinition } from '../permit-dsl/definition';
import { izinKeramaianV1 } from './izin-keramaian.v1';
import { pbgV1 } from './pbg.v1';
import { reklameV1 } from './reklame.v1';
import { sipDokterV1 } from './sip-dokter.v1';
import { skPindahV1 } from './sk-pindah.v1';
import { skduV1 } from './skdu.v1';
import { skduV2 } from './skdu.v2';
import { slfV1 } from './slf.v1';
import { tdupV1 } from './tdup.v1';

export const DEFINITIONS: ReadonlyArray<Readonly<PermitDefinition>> = Object.freeze([
  izinKeramaianV1,
  pbgV1,
  reklameV1,
  sipDokterV1,
  skPindahV1,
  skduV1,
  skduV2,
  slfV1,
  tdupV1,
]);

for (let i = 0; i < DEFINITIONS.length; i++) {
  for (let j = 0; j < i; j++) {
    if (DEFINITIONS[i].code === DEFINITIONS[j].code && DEFINITIONS[i].version === DEFINITIONS[j].version) {
      throw new Error(`libs/permits/index.ts: ${DEFINITIONS[i].code} v${DEFINITIONS[i].version} is listed twice`);
    }
  }
}

/** The definition of `code` at `version`, or its latest version when `version` is omitted. */
export function findDefinition(code: string, version?: number): Readonly<PermitDefinition> | undefined {
  let found: Readonly<PermitDefinition> | undefined;
  for (const def of DEFINITIONS) {
    if (def.code !== code) continue;
    if (version !== undefined) {
      if (def.version === version) return def;
    } else if (!found || def.version > found.version) found = def;
  }
  return found;
}

/** The latest version of each permit type, sorted by code. */
export function latestDefinitions(): ReadonlyArray<Readonly<PermitDefinition>> {
  const latest = new Map<string, Readonly<PermitDefinition>>();
  for (const def of DEFINITIONS) {
    const seen = latest.get(def.code);
    if (!seen || def.version > seen.version) latest.set(def.code, def);
  }
  return [...latest.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
