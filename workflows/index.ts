// The workflowsPath target: one workflow type per permit definition version, named by workflowTypeOf(def)
// (`permit_<CODE>_v<N>`). A new version is a new export beside the old one; running applications keep theirs.
// workflows/registry.spec.ts checks that this list and workflows/permits/index.ts agree.
import { permitWorkflow } from './engine/permit-engine';
import { pbgV1 } from './permits/pbg.v1';
import { reklameV1 } from './permits/reklame.v1';
import { slfV1 } from './permits/slf.v1';

export const permit_PBG_v1 = permitWorkflow(pbgV1);
export const permit_SLF_v1 = permitWorkflow(slfV1);
export const permit_REKLAME_v1 = permitWorkflow(reklameV1);
