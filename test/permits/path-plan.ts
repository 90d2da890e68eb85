// The paths the generated tests walk for one definition version, derived from the definition alone, so
// a definition is covered the moment it is registered: the application approved on every route (each
// branch of each choice), a rejection in each branch of each parallel block on it (or of the first step
// when the route has none), a revision loop, and the legal deadline left to pass under its policy.
import type { PermitDefinition, StepDef } from '../../libs/permit-dsl/definition';
import { distinctRoutes, parallelsOf, type Route, routeKey } from '../../libs/permit-tools/routes';

export type PathKind = 'approve' | 'reject' | 'revision' | 'legal-deadline';

export interface PlannedPath {
  def: Readonly<PermitDefinition>;
  kind: PathKind;
  /** `PBG v1 approve [pbg_authority=1]`. */
  label: string;
  data: Record<string, unknown>;
  route: Route;
  /** For a rejection: the step that rejects. */
  rejectAt?: StepDef;
}

export function pathsOf(def: Readonly<PermitDefinition>): PlannedPath[] {
  const name = `${def.code} v${def.version}`;
  const routes = distinctRoutes(def);
  const paths: PlannedPath[] = [];
  for (const { data, route } of routes) {
    const key = routeKey(route);
    paths.push({ def, kind: 'approve', label: `${name} approve [${key}]`, data, route });
    const parallels = parallelsOf(route.node);
    const rejecters = parallels.length > 0 ? parallels.flatMap((p) => p.firstSteps) : route.steps.slice(0, 1);
    for (const step of rejecters) paths.push({ def, kind: 'reject', label: `${name} reject at ${step.id} [${key}]`, data, route, rejectAt: step });
  }
  const first = routes[0];
  paths.push({ def, kind: 'revision', label: `${name} revision loop [${routeKey(first.route)}]`, data: first.data, route: first.route });
  paths.push({ def, kind: 'legal-deadline', label: `${name} legal deadline, ${def.onHardDeadline} [${routeKey(first.route)}]`, data: first.data, route: first.route });
  return paths;
}
