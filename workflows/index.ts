// The workflowsPath target: one workflow type per permit definition version, named by workflowTypeOf(def)
// (`permit_<CODE>_v<N>`). A new version is a new export beside the old one; running applications keep theirs.
// workflows/registry.spec.ts checks that this list and libs/permits/index.ts agree.
import { permitWorkflow } from './engine/permit-engine';
import { izinKeramaianV1 } from '../libs/permits/izin-keramaian.v1';
import { pbgV1 } from '../libs/permits/pbg.v1';
import { reklameV1 } from '../libs/permits/reklame.v1';
import { sipDokterV1 } from '../libs/permits/sip-dokter.v1';
import { skPindahV1 } from '../libs/permits/sk-pindah.v1';
import { skduV1 } from '../libs/permits/skdu.v1';
import { skduV2 } from '../libs/permits/skdu.v2';
import { slfV1 } from '../libs/permits/slf.v1';
import { tdupV1 } from '../libs/permits/tdup.v1';

export const permit_IZIN_KERAMAIAN_v1 = permitWorkflow(izinKeramaianV1);
export const permit_PBG_v1 = permitWorkflow(pbgV1);
export const permit_REKLAME_v1 = permitWorkflow(reklameV1);
export const permit_SIP_DOKTER_v1 = permitWorkflow(sipDokterV1);
export const permit_SK_PINDAH_v1 = permitWorkflow(skPindahV1);
export const permit_SKDU_v1 = permitWorkflow(skduV1);
export const permit_SKDU_v2 = permitWorkflow(skduV2);
export const permit_SLF_v1 = permitWorkflow(slfV1);
export const permit_TDUP_v1 = permitWorkflow(tdupV1);
export { webhookDelivery } from './delivery/webhook-delivery';
export { notificationDelivery } from './delivery/notification-delivery';
export { applicantNotice } from './delivery/applicant-notice';
export { accountabilityDigest } from './delivery/accountability-digest';
