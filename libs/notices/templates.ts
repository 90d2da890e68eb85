// The messages an applicant receives when their application changes: which changes they hear about,
// and the words, in Indonesian (default) or English. Pure: the activities fill and send them. A NIK is
// never an input here, so no message can carry one.
import { JAKARTA_UTC_OFFSET_MINUTES } from '../domain/time';

export type NoticeKind = 'filed' | 'revision_requested' | 'issued' | 'rejected' | 'deemed_granted' | 'lapsed';
export type NoticeLanguage = 'id' | 'en';
export type NoticeChannel = 'sms' | 'email';

export const NOTICE_KINDS: ReadonlyArray<NoticeKind> = ['filed', 'revision_requested', 'issued', 'rejected', 'deemed_granted', 'lapsed'];

/** What a message may say: the application's public facts and the officer's note to the applicant. */
export interface NoticeFacts {
  kind: NoticeKind;
  language: NoticeLanguage;
  name: string;
  trackingCode: string;
  permitName: string;
  /** Absolute link to the public tracking page, `<base>/lacak/<code>`. */
  trackingUrl: string;
  /** revision_requested: what to fix; rejected: the reason. */
  note?: string;
  /** revision_requested: when the application lapses without an answer. */
  dueAt?: string;
}

export interface NoticeText {
  subject: string;
  /** The email body. */
  body: string;
  /** The SMS: one line, short. */
  sms: string;
}

const MONTHS: Record<NoticeLanguage, string[]> = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** "3 Desember 2026 16.00 WIB" / "3 December 2026 16:00 WIB": the instant on the Jakarta clock. */
export function jakartaTime(iso: string, language: NoticeLanguage): string {
  const local = new Date(Date.parse(iso) + JAKARTA_UTC_OFFSET_MINUTES * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const sep = language === 'id' ? '.' : ':';
  return `${local.getUTCDate()} ${MONTHS[language][local.getUTCMonth()]} ${local.getUTCFullYear()} ${pad(local.getUTCHours())}${sep}${pad(local.getUTCMinutes())} WIB`;
}

/** Free text as it may appear in a message (an officer's note, a name): runs of 16 digits (a NIK typed in) are masked. */
export function safeNote(note: string | undefined): string {
  return (note ?? '').replace(/\d{16}/g, '****************').trim();
}

type Lines = { subject: string; lead: string; sms: string };

function lines(f: NoticeFacts): Lines {
  const note = safeNote(f.note);
  const due = f.dueAt ? jakartaTime(f.dueAt, f.language) : '';
  const code = f.trackingCode;
  if (f.language === 'en') {
    switch (f.kind) {
      case 'filed':
        return { subject: `Application ${code} received`, lead: `Your ${f.permitName} application was received. Tracking code: ${code}.`, sms: `satupintu: ${f.permitName} application received. Tracking code ${code}. Track it: ${f.trackingUrl}` };
      case 'revision_requested':
        return {
          subject: `Application ${code}: revision needed`,
          lead: `Your ${f.permitName} application needs a revision: ${note || 'see the tracking page'}. Please answer by ${due}, or the application lapses.`,
          sms: `satupintu: ${code} needs a revision: ${note}. Answer by ${due}. ${f.trackingUrl}`,
        };
      case 'issued':
        return { subject: `Application ${code}: permit issued`, lead: `Your ${f.permitName} permit has been issued.`, sms: `satupintu: your ${f.permitName} permit (${code}) has been issued. ${f.trackingUrl}` };
      case 'rejected':
        return { subject: `Application ${code}: rejected`, lead: `Your ${f.permitName} application was rejected. Reason: ${note || 'see the tracking page'}.`, sms: `satupintu: ${code} was rejected. Reason: ${note}. ${f.trackingUrl}` };
      case 'deemed_granted':
        return {
          subject: `Application ${code}: deemed granted`,
          lead: `No decision was made on your ${f.permitName} application within the legal deadline: by law it is deemed granted.`,
          sms: `satupintu: ${code} is deemed granted (no decision within the legal deadline). ${f.trackingUrl}`,
        };
      case 'lapsed':
        return { subject: `Application ${code}: lapsed`, lead: `Your ${f.permitName} application lapsed: the requested revision was not received in time.`, sms: `satupintu: ${code} lapsed: the revision was not received in time. ${f.trackingUrl}` };
    }
  }
  switch (f.kind) {
    case 'filed':
      return { subject: `Permohonan ${code} diterima`, lead: `Permohonan ${f.permitName} Anda telah diterima. Kode lacak: ${code}.`, sms: `satupintu: permohonan ${f.permitName} diterima. Kode lacak ${code}. Lacak: ${f.trackingUrl}` };
    case 'revision_requested':
      return {
        subject: `Permohonan ${code}: perlu perbaikan`,
        lead: `Permohonan ${f.permitName} Anda perlu diperbaiki: ${note || 'lihat halaman lacak'}. Mohon kirim perbaikan paling lambat ${due}; jika tidak, permohonan gugur.`,
        sms: `satupintu: ${code} perlu perbaikan: ${note}. Batas ${due}. ${f.trackingUrl}`,
      };
    case 'issued':
      return { subject: `Permohonan ${code}: izin terbit`, lead: `Izin ${f.permitName} Anda telah terbit.`, sms: `satupintu: izin ${f.permitName} (${code}) telah terbit. ${f.trackingUrl}` };
    case 'rejected':
      return { subject: `Permohonan ${code}: ditolak`, lead: `Permohonan ${f.permitName} Anda ditolak. Alasan: ${note || 'lihat halaman lacak'}.`, sms: `satupintu: ${code} ditolak. Alasan: ${note}. ${f.trackingUrl}` };
    case 'deemed_granted':
      return {
        subject: `Permohonan ${code}: dianggap dikabulkan`,
        lead: `Permohonan ${f.permitName} Anda tidak diputus dalam batas waktu yang ditetapkan: menurut hukum, permohonan dianggap dikabulkan.`,
        sms: `satupintu: ${code} dianggap dikabulkan (tidak diputus dalam batas waktu). ${f.trackingUrl}`,
      };
    case 'lapsed':
      return { subject: `Permohonan ${code}: gugur`, lead: `Permohonan ${f.permitName} Anda gugur karena perbaikan tidak diterima tepat waktu.`, sms: `satupintu: ${code} gugur: perbaikan tidak diterima tepat waktu. ${f.trackingUrl}` };
  }
}

export function renderNotice(f: NoticeFacts): NoticeText {
  const l = lines(f);
  const name = safeNote(f.name);
  const greeting = f.language === 'en' ? `Dear ${name},` : `Yth. ${name},`;
  const track = f.language === 'en' ? `Follow your application: ${f.trackingUrl}` : `Pantau permohonan Anda: ${f.trackingUrl}`;
  const sign = f.language === 'en' ? 'satupintu, PTSP DKI Jakarta. This message was sent automatically.' : 'satupintu, PTSP DKI Jakarta. Pesan ini dikirim otomatis.';
  return { subject: `[satupintu] ${l.subject}`, body: `${greeting}\n\n${l.lead}\n\n${track}\n\n${sign}\n`, sms: l.sms };
}
