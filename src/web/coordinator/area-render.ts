import type { AreaView } from '../../area/area.views';
import type { CostRuleView } from '../../cost/cost.views';
import type { TransitionView } from '../../workflow/workflow.types';
import { html, type Html } from '../html';
import { stockholmTime } from '../i18n/messages';
import { roleText } from '../layout';
import type { PageContext } from '../web-page';
import { eventForm, formEvents, type EventFormState } from './area-event-forms';
import { stageName, waitingText } from './pipeline-render';

interface Decision {
  decisionId: string;
  organ: string;
  date: string;
  paragraph?: string;
  justerat: boolean;
}
interface DocRef {
  documentKey: string;
  version: string;
  sha256: string;
}

const table = (caption: string, head: string[], rows: Html[]): Html =>
  html`<div class="table-wrap" tabindex="0" role="region" aria-label="${caption}">
    <table>
      <caption class="visually-hidden">
        ${caption}
      </caption>
      <thead>
        <tr>
          ${head.map((h) => html`<th scope="col">${h}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </div>`;

/** An area's page: stage (a proposal), inside or not, participants and decisions, documents, costs, history, forms. */
export function renderArea(
  ctx: PageContext & { session: { csrfToken: string } },
  area: AreaView,
  history: TransitionView[],
  costs: CostRuleView[],
  state: EventFormState | null,
  recorded: string | null,
): Html {
  const { t, lang } = ctx;
  const participants = area.participants as Participant[];
  const record = area.record as AreaRecord;
  const inside = area.inside.inside;
  const events = formEvents(area.allowedEvents);
  return html`${recorded ? html`<div class="notice notice--success" role="status"><p>${t.recorded(t.event(recorded))}</p></div>` : ''}
    <h1>${area.title}</h1>
    <dl class="summary">
      <div>
        <dt>${t.areaStage}</dt>
        <dd>
          ${stageName(ctx, area.stage)}${area.stageSince ? html` <span class="muted">${t.since(area.stageSince)}</span>` : ''}
        </dd>
      </div>
      <div>
        <dt>${t.areaInside}</dt>
        <dd>${inside === true ? t.insideYes : inside === false ? t.insideNo : t.insideOpen}</dd>
      </div>
      ${
        record.formalisation?.legalForm
          ? html`<div>
              <dt>${t.legalForm}</dt>
              <dd>${t.legalFormName(record.formalisation.legalForm)}</dd>
            </div>`
          : ''
      }
      ${
        record.formalisation?.startDate
          ? html`<div>
              <dt>${t.startDate}</dt>
              <dd><time datetime="${record.formalisation.startDate}">${record.formalisation.startDate}</time></dd>
            </div>`
          : ''
      }
    </dl>
    <p class="muted">${t.stagesAreProposal}</p>
    ${area.description ? html`<p>${area.description}</p>` : ''}
    <h2>${t.purposes}</h2>
    <ul>
      ${area.purposes.map((p) => html`<li>${lang === 'sv' ? p.sv : p.en}</li>`)}
    </ul>

    ${participantsAndDocuments(ctx, area, participants, record, costs)}
    <h2 id="record-heading">${t.recordEvent}</h2>
    ${
      events.length
        ? html`<p>${t.recordEventIntro}</p>
            ${events.map((type) => eventForm(area.id, type, area.version, ctx.session.csrfToken, t, state))}`
        : html`<p>${t.nothingToRecord}</p>`
    }
    ${historyTable(ctx, history)} ${diagramFigure(ctx, area)}`;
}

/** The area's workflow drawn as SVG (src/web/diagram-pages.controller.ts), its stage and path highlighted. */
function diagramFigure({ t, lang }: PageContext, area: AreaView): Html {
  return html`<h2>${t.diagramHeading}</h2>
    <p>${t.diagramIntro}</p>
    <figure class="diagram">
      <img
        src="/arbetsfloden/${area.workflowId}/diagram.svg"
        alt="${t.diagramAlt(lang === 'sv' ? area.stage.sv : area.stage.en)}"
      />
    </figure>`;
}

type Participant = AreaView['participants'][number] & { answer?: string; decision?: Decision };
interface AreaRecord {
  formalisation?: { documents?: DocRef[]; legalForm?: string; startDate?: string };
  report?: { costModel?: { name: string } };
  signatures?: Array<{ signedOn: string; signatory: { name: string; title?: string }; municipalityCodes: string[] }>;
}

function participantsAndDocuments(
  ctx: PageContext,
  area: AreaView,
  participants: Participant[],
  record: AreaRecord,
  costs: CostRuleView[],
): Html {
  const { t } = ctx;
  const docs = record.formalisation?.documents ?? [];
  return html`<h2>${t.participants}</h2>
    ${table(
      t.participants,
      [t.colMunicipality, t.colStatus, t.colAnswer, t.colDecision],
      participants.map(
        (p) =>
          html`<tr>
            <td>${p.name} <span class="muted">(${p.code})</span></td>
            <td>${t.participantStatus(p.status)}</td>
            <td>${p.answer ? (p.answer === 'YES' ? t.answer_YES : t.answer_NO) : '–'}</td>
            <td>
              ${
                p.decision
                  ? html`<a href="/beslut/${p.decision.decisionId}"
                        >${t.decisionOf(p.decision.organ, p.decision.date, p.decision.paragraph)}</a
                      >
                      (${p.decision.justerat ? t.justerat : t.notJusterat})`
                  : '–'
              }
            </td>
          </tr>`,
      ),
    )}

    <h2>${t.deadlines}</h2>
    ${
      area.waitingFor.length
        ? html`<ul>
            ${area.waitingFor.map((w) => html`<li>${waitingText(t, w)}</li>`)}
          </ul>`
        : html`<p>${t.waitsForNothing}</p>`
    }

    <h2>${t.documents}</h2>
    ${
      docs.length
        ? table(
            t.documents,
            [t.colDocument, t.colVersion, t.colHash],
            docs.map(
              (d) =>
                html`<tr>
                  <td>${d.documentKey}</td>
                  <td>${d.version}</td>
                  <td class="hash">${d.sha256}</td>
                </tr>`,
            ),
          )
        : html`<p>${t.noneRecorded}</p>`
    }
    ${
      record.signatures?.length
        ? html`<h3>${t.signatures}</h3>
            <ul>
              ${record.signatures.map(
                (s) =>
                  html`<li>
                    <time datetime="${s.signedOn}">${s.signedOn}</time>:
                    ${s.signatory.name}${s.signatory.title ? `, ${s.signatory.title}` : ''}
                    (${s.municipalityCodes.join(', ')})
                  </li>`,
              )}
            </ul>`
        : ''
    }

    <h2>${t.costs}</h2>
    ${record.report?.costModel ? html`<p>${t.costModel(record.report.costModel.name)}</p>` : ''}
    ${
      costs.length
        ? html`<ul>
            ${costs.map(
              (c) =>
                html`<li>
                  ${c.title}: ${c.payers.map((p) => `${p.municipality.name} ${p.share.percent}`).join(', ')}
                  <span class="muted">(${c.startMonth}${c.endMonth ? `–${c.endMonth}` : ''})</span>
                </li>`,
            )}
          </ul>`
        : html`<p>${t.noCosts}</p>`
    } `;
}

function historyTable(ctx: PageContext, history: TransitionView[]): Html {
  const { t } = ctx;
  return html`<h2>${t.history}</h2>
    ${table(
      t.history,
      [t.colSeq, t.colEvent, t.colLegalDate, t.colRecorded, t.colBy, t.colState],
      history.map(
        (h) =>
          html`<tr>
            <td>${String(h.seq)}</td>
            <td>${t.event(h.eventType)}</td>
            <td>${h.legalDate ? html`<time datetime="${h.legalDate}">${h.legalDate}</time>` : '–'}</td>
            <td><time datetime="${h.recordedAt}">${stockholmTime(h.recordedAt)}</time></td>
            <td>${roleText(t, h.actor.role, h.actor.municipality)}</td>
            <td>${h.toState}</td>
          </tr>`,
      ),
    )}`;
}
