import { selectField } from '../clerk/clerk-fields';
import { field, type ShownRefusal } from '../forms';
import { one, type FormBody } from '../form-body';
import { html, type Html } from '../html';
import type { Messages } from '../i18n/messages';

/**
 * What an exit notice records besides its arrival (R-C12, AF §8, §13): its sender, its recipient, how it arrived and
 * its diarienummer in the sending and the receiving municipality's diarium. Each is optional, as in the API: what is
 * left blank is sent as not recorded, and the page lists it so (ExitNoticeView.notRecorded). The fields are named
 * after the DTO's paths with `_` for `.` (`registrations_1_registeredOn`), so that a refusal naming a path lands
 * beside its field.
 */
const SENDER_OFFICES = ['KSO', 'OPPOSITIONSRAD', 'KOMMUNDIREKTOR', 'OTHER'];
const RECIPIENT_OFFICES = ['COUNCIL_CHAIR', 'COORDINATOR', 'OTHER'];
const CHANNELS = ['EMAIL', 'LETTER', 'E_SIGNATURE', 'HANDED_OVER', 'OTHER'];
/** Two registrations: the sending municipality's (0) and the receiving one's, the chair's (1) (R-K5, R-K6). */
const REGISTRATIONS = [0, 1];

const typed = (form: FormBody, name: string) => one(form, name).trim();

/** The notice's facts of the API's EXIT_NOTICE_DELIVERED body, from its form; blank parts left out. */
export function exitNoticeBody(form: FormBody): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const senderName = typed(form, 'sender_name');
  const standIn = typed(form, 'sender_standIn_legalBasis');
  if (senderName || standIn)
    body.sender = {
      name: senderName,
      office: one(form, 'sender_office'),
      ...(standIn ? { standIn: { legalBasis: standIn } } : {}),
    };
  const recipientName = typed(form, 'recipient_name');
  const chairOf = typed(form, 'recipient_municipality');
  if (recipientName || chairOf)
    body.recipient = {
      name: recipientName,
      office: one(form, 'recipient_office'),
      ...(chairOf ? { municipality: chairOf } : {}),
    };
  const channel = one(form, 'channel');
  if (channel) body.channel = channel;
  const registrations = REGISTRATIONS.flatMap((i) => {
    const at = (part: string) => typed(form, `registrations_${i}_${part}`);
    if (!at('diarienummer') && !at('registeredOn')) return [];
    return [
      {
        municipality: at('municipality'),
        diarienummer: at('diarienummer'),
        ...(at('registeredOn') ? { registeredOn: at('registeredOn') } : {}),
      },
    ];
  });
  if (registrations.length) body.registrations = registrations;
  return body;
}

/** The form's parts for the notice's facts, with what was typed kept and each refusal beside its field. */
export function exitNoticeFields(a: {
  id: (name: string) => string;
  value: (name: string, fallback?: string) => string;
  refused: (name: string) => ShownRefusal[];
  municipality: string;
  t: Messages;
}): Html {
  const { t } = a;
  const text = (name: string, label: string, hint?: string, fallback = '', kind: 'text' | 'date' = 'text') =>
    field({ id: a.id(name), name, label, hint, value: a.value(name, fallback), kind, refusals: a.refused(name), t });
  const select = (name: string, label: string, options: Array<{ value: string; text: string }>, fallback: string) =>
    selectField({ id: a.id(name), name, label, value: a.value(name, fallback), options, refusals: a.refused(name), t });
  const office = (o: string) => ({ value: o, text: t[`office_${o}` as 'office_KSO'] });
  return html`<fieldset>
      <legend>${t.web2_noticeSenderLegend}</legend>
      <p class="hint">${t.web2_noticeOptional}</p>
      ${text('sender_name', t.web2_noticeName)}
      ${select('sender_office', t.web2_noticeOffice, SENDER_OFFICES.map(office), 'KSO')}
      ${text('sender_standIn_legalBasis', t.web2_noticeStandIn, t.web2_noticeStandInHint)}
    </fieldset>
    <fieldset>
      <legend>${t.web2_noticeRecipientLegend}</legend>
      ${text('recipient_name', t.web2_noticeName)}
      ${select('recipient_office', t.web2_noticeOffice, RECIPIENT_OFFICES.map(office), 'COUNCIL_CHAIR')}
      ${text('recipient_municipality', t.web2_noticeChairMunicipality, t.web2_municipalityCodeHint)}
    </fieldset>
    ${select(
      'channel',
      t.noticeChannel,
      [
        { value: '', text: t.web2_noticeNotGiven },
        ...CHANNELS.map((c) => ({ value: c, text: t[`channel_${c}` as 'channel_EMAIL'] })),
      ],
      '',
    )}
    ${REGISTRATIONS.map(
      (i) =>
        html`<fieldset>
          <legend>${i === 0 ? t.web2_noticeSendingRegistration : t.web2_noticeReceivingRegistration}</legend>
          ${text(`registrations_${i}_municipality`, t.web2_noticeRegMunicipality, t.web2_municipalityCodeHint, i === 0 ? a.municipality : '')}
          ${text(`registrations_${i}_diarienummer`, t.web2_noticeRegDiarienummer)}
          ${text(`registrations_${i}_registeredOn`, t.web2_noticeRegRegisteredOn, t.field_dateHint, '', 'date')}
        </fieldset>`,
    )}`;
}
