import type { DeadlinesAnswer } from '../../calendar/deadlines-answer';
import { errorSummary, field, ruleLink, type ShownRefusal } from '../forms';
import { html, type Html } from '../html';
import { longDate, type Lang } from '../i18n/messages';
import type { PageContext } from '../web-page';

/** The query names of the calculator's form, and the API's names they stand for (GET /calendar/deadlines). */
export const CALCULATOR_FIELDS = {
  sammantrade: 'meetingDate',
  justering: 'justeringDate',
  anslag: 'anslagDate',
} as const;
export type CalculatorValues = Record<keyof typeof CALCULATOR_FIELDS, string>;

const ROWS: Array<{
  key: keyof DeadlinesAnswer;
  ruleId: string;
  label: 'clerk_justeringDeadline' | 'clerk_anslagDeadline' | 'clerk_appealLastDay' | 'clerk_finalFrom';
}> = [
  { key: 'justeringDeadline', ruleId: 'R-I1', label: 'clerk_justeringDeadline' },
  { key: 'anslagDeadline', ruleId: 'R-I4', label: 'clerk_anslagDeadline' },
  { key: 'appealLastDay', ruleId: 'R-I6', label: 'clerk_appealLastDay' },
  { key: 'finalFrom', ruleId: 'R-I7', label: 'clerk_finalFrom' },
];

/** The deadline calculator: a GET form (works without JavaScript, the answer can be bookmarked) and the calendar's answer. */
export function renderCalculator(
  ctx: PageContext,
  values: CalculatorValues,
  answer: DeadlinesAnswer | null,
  refusals: ShownRefusal[],
): Html {
  const { t, lang } = ctx;
  const id = (name: string) => `calc-${name}`;
  const labels: CalculatorValues = {
    sammantrade: t.clerk_meetingDate,
    justering: t.clerk_justeradOnLabel,
    anslag: t.clerk_anslagOnLabel,
  };
  return html`<h1>${t.clerk_calculatorTitle}</h1>
    <p>${t.clerk_calculatorIntro}</p>
    <form method="get" action="/protokoll/frister" class="event-form" novalidate>
      ${errorSummary(refusals, t, id)}
      ${(Object.keys(CALCULATOR_FIELDS) as Array<keyof CalculatorValues>).map((name) =>
        field({
          id: id(name),
          name,
          label: labels[name],
          hint: t.dateHint,
          value: values[name],
          kind: 'date',
          refusals: refusals.filter((r) => r.field === name),
          t,
        }),
      )}
      <button type="submit" class="button">${t.clerk_calculate}</button>
    </form>
    ${answer ? answerList(ctx, answer, lang) : ''}`;
}

function answerList(ctx: PageContext, answer: DeadlinesAnswer, lang: Lang): Html {
  const { t } = ctx;
  return html`<h2 id="answer-heading">${t.clerk_calculatorAnswer}</h2>
    <dl class="summary" aria-labelledby="answer-heading">
      ${ROWS.filter((r) => answer[r.key]).map((r) => {
        const date = answer[r.key] as string;
        const note = answer.notes?.[r.key];
        return html`<div>
          <dt>${t[r.label] as string}</dt>
          <dd>
            <time datetime="${date}">${date}</time> (${longDate(date, lang)}; ${ruleLink(r.ruleId, t)})
            ${note ? html`<br /><span class="hint">${lang === 'sv' ? note.messageSv : note.message} (${ruleLink('R-L7', t)})</span>` : ''}
          </dd>
        </div>`;
      })}
    </dl>`;
}
