/** GET /v1/permit-types and /{code}: a permit type as the catalogue shows it. */
export interface Duration {
  days?: number;
  hours?: number;
  minutes?: number;
  businessMinutes: number;
}

export interface PermitType {
  code: string;
  name: string;
  nameEn?: string;
  version: number;
  versions: number[];
  category: string;
  description?: string;
  fee: { amount: number; currency: 'IDR'; legalBasis: string };
  requiredDocuments: Array<{ type: string; name: string }>;
  steps: Array<{ id: string; name: string; agency: string; jurisdiction: string; role: string; deadline: Duration }>;
  deadline: Duration;
}
