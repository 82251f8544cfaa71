/**
 * Every code a rule of the machines refuses or warns with, and what it means: one typed list, so that a rule cannot
 * use a code that is not documented here (the type check fails), and docs/errors.md is generated from it.
 */
export const RULE_CODES = {
  // Membership: entry and signature (R-B1..R-B5, D12)
  WRONG_DECISION_ORGAN:
    'The decision was taken by another organ than the rule requires (fullmäktige for entry and exit).',
  WRONG_SIGNATORY: 'The declaration is signed by the KSO, or by a stand-in recorded with its legal basis (D12).',
  VERSION_MISMATCH:
    'What was signed or adopted is not the version of the declaration it must be (its SHA-256 differs).',
  DECISION_NOT_IN_WORKFLOW: 'The decision referred to is not part of this membership.',
  // Membership: exit and withdrawal (R-C1..R-C11, D1, D6)
  NO_FULLMAKTIGE_DECISION: 'An exit notice needs a fullmäktige decision to leave first.',
  EXIT_NOT_ON_31_DEC: 'An exit takes effect on a 31 December (R-C4).',
  EXIT_NOTICE_TOO_SHORT: 'The desired exit date is not a 31 December at least a full calendar year after the request.',
  NO_EXIT_NOTICE: 'The exit request has no notice delivered to the council chair yet.',
  COUNCIL_INFORMED_BEFORE_NOTICE: 'The council cannot have been informed before the notice arrived.',
  COUNCIL_NOT_DECISION_MAKING: 'Samverkansrådet decides nothing; an exit needs no approval of the council.',
  WITHDRAWAL_BEFORE_REQUEST: 'A withdrawal is decided on or after the exit decision it withdraws.',
  WITHDRAWAL_TOO_LATE: 'A withdrawal must reach the council chair before the exit date.',
  EXIT_NOT_YET_EFFECTIVE: 'The exit takes effect only after its 31 December.',
  DECISION_ANNULLED: 'The decision was annulled (upphävt) by the court; no decision exists any more.',
  // Membership: what an exit notice records (issue 11 §7: R-C6, R-C12, R-K2, R-K5, R-K6)
  WRONG_NOTICE_SENDER: 'An exit notice is sent by the leaving municipality’s KSO, or a stand-in with its legal basis.',
  WRONG_NOTICE_RECIPIENT: 'An exit notice is given to the council’s chair (Samverkansrådets ordförande).',
  REGISTRATION_OTHER_MUNICIPALITY: 'An exit notice is registered in the sending and the receiving municipality only.',
  DUPLICATE_REGISTRATION: 'A municipality’s diarium gives the notice one diarienummer, not two.',
  REGISTERED_BEFORE_ARRIVAL: 'The receiving municipality registers the notice on or after its arrival.',
  REQUEST_YEAR_AMBIGUOUS: 'Warning: the exit decision and its notice fall in different calendar years (D1).',
  // Decisions driving workflows (D10)
  DECISION_WRONG_MUNICIPALITY: 'The decision was taken in another municipality.',
  DECISION_WRONG_COLLABORATION: 'The decision concerns another collaboration.',
  DECISION_WRONG_SUBJECT: 'The decision is about another subject than the event needs.',
  DECISION_NOT_JUSTERAT: 'A decision drives its workflow once its protocol is justerat (D10).',
  // Paragraphs: quorum, proposals, votes, reservations (R-H2..R-H19)
  NOT_QUORATE: 'Fewer than half of the members took part in the decision.',
  NOT_AT_MEETING: 'The person is not recorded at the meeting.',
  DUPLICATE_PROPOSAL_ID: 'Two proposals of the paragraph have the same id.',
  UNKNOWN_PROPOSAL: 'The paragraph names a proposal that was never made.',
  VOTE_REQUESTED: 'A vote (votering) was requested, so the decision needs its vote list.',
  VOTE_QUESTION_MISSING: 'A vote needs the question put to it (propositionsordning).',
  VOTES_WITHOUT_VOTE: 'Votes are recorded without a votering.',
  DUPLICATE_VOTE: 'A member voted twice in one votering.',
  VOTER_NOT_PARTICIPANT: 'Only serving, non-jäviga members vote.',
  VOTE_RESULT_MISMATCH: 'The recorded result does not follow from the votes.',
  CHAIR_DID_NOT_VOTE: 'The chair has the casting vote only after voting.',
  NOT_A_TIE: 'A casting vote or a lottning is recorded without a tie.',
  TIE_NEEDS_CASTING_VOTE: 'A tie in a matter is decided by the chair’s casting vote (utslagsröst).',
  TIE_NEEDS_LOTTNING: 'A tie in an election is decided by lot (lottning).',
  CASTING_VOTE_IN_ELECTION: 'An election is never decided by a casting vote.',
  LOTTNING_ONLY_IN_ELECTIONS: 'Only an election is decided by lot.',
  NOT_ELIGIBLE_TO_RESERVE: 'Only a member who took part in the decision may enter a reservation.',
  RESERVATION_FOR_ADOPTED: 'A reservation is against the decision, not in favour of the adopted proposal.',
  RESERVATION_TOO_LATE: 'A reservation is announced before the meeting closes.',
  NO_SUCH_RESERVATION: 'A written motivation belongs to a reservation that was entered.',
  MOTIVATION_TOO_LATE: 'A written motivation arrives before the time set for justering.',
  // Protocol lifecycle (R-I1..R-I8, R-K9, D8, D9)
  JUSTERING_BEFORE_MEETING: 'A protocol cannot be justerat before its meeting.',
  IMMEDIATE_JUSTERING_NOT_DECIDED: 'Omedelbar justering needs the body’s decision to justera the paragraph at once.',
  IMMEDIATE_JUSTERING_NOT_AT_MEETING: 'An omedelbart justerad paragraph is justerad at the meeting itself.',
  NO_JUSTERARE: 'The chair and at least one justerare sign the protocol.',
  JUSTERARE_NOT_AT_MEETING: 'A justerare was at the meeting.',
  JUSTERING_CHAIR_MISSING:
    'The chair signs the justering: name the chair, or mark the chair among the attendees (R-I2).',
  JUSTERING_CHAIR_NOT_AT_MEETING: 'The chair who signs the justering was at the meeting (R-I2).',
  JUSTERING_CHAIR_NOT_MEETING_CHAIR:
    'The justering is signed by the chair of the meeting, as the attendees mark it (R-I2).',
  CHAIR_COUNTED_AS_JUSTERARE: 'The chair signs as chair and is not also counted as a justerare (R-I2).',
  JUSTERING_LATE: 'Warning: justerat after its deadline (meeting + 14 days, moved to the next vardag).',
  ANSLAG_BEFORE_JUSTERING: 'The anslag cannot come before the justering.',
  ANSLAG_LATE: 'Warning: posted after its deadline (justering + 2 days, moved to the next vardag).',
  ANSLAG_TAKEN_DOWN_TOO_EARLY: 'The anslag stays up until the appeal period has run out (R-I4).',
  // Delegationsbeslut and ordförandebeslut, and their anmälan (R-I9, R-H17)
  DELEGATION_NOT_IN_FULLMAKTIGE:
    'Fullmäktige delegates no decisions under KL 6 kap.; a delegated decision is a nämnd’s.',
  DELEGATION_REPORTED_TO_WRONG_BODY:
    'A delegationsbeslut is reported to the body its delegationsordning says (its own unless another, R-I9).',
  DELEGATION_REPORTED_BEFORE_DECISION: 'A delegationsbeslut is reported at a meeting on or after its date (R-I9).',
  DELEGATION_REPORT_AFTER_JUSTERING: 'The anmälan goes into a meeting’s protocol before it is justerat (R-I9).',
  ORDFORANDEBESLUT_NOT_AT_NEXT_MEETING:
    'An ordförandebeslut is reported at the nämnd’s next meeting; a later anmälan states why (R-H17).',
  // A delegationsbeslut's own tillkännagivande (R-I9, protocol@3)
  DELEGATION_NOTICE_BEFORE_DECISION: 'A delegationsbeslut is announced on or after the day it was decided (R-I9).',
  DELEGATION_NOTICE_AFTER_ANMALAN:
    'The delegationsbeslut is reported at a meeting already: its appeal period runs from that protocol’s anslag (R-I9).',
  DELEGATION_ANNOUNCED_SEPARATELY:
    'The delegationsbeslut was announced on its own (protokollfört särskilt, R-I9): its appeal period runs from that notice, it is not reported as well.',
  DELEGATION_NOTICE_ONLY_DELEGATION:
    'Only a delegationsbeslut is announced on its own; a meeting’s paragraph is announced with its protocol (R-I9).',
  ORDFORANDEBESLUT_REPORTED_LATE: 'Warning: the ordförandebeslut was reported after the nämnd’s next meeting (R-H17).',
  DEADLINE_MOVED: 'Note: the deadline fell on a non-vardag and moved to the next vardag (lag 1930:173 2 §).',
  APPEAL_PERIOD_RUNNING: 'The appeal period has not ended yet.',
  APPEAL_TOO_LATE: 'The appeal arrived after the last day of the appeal period.',
  APPEAL_ALREADY_JUDGED: 'The court has already judged the appeal.',
  JUDGMENT_BEFORE_APPEAL: 'The court cannot have decided before the appeal arrived.',
  PARAGRAPH_JUSTERAD: 'A justerat paragraph is never edited; a correction refers to it.',
  CORRECTION_BEFORE_JUSTERING: 'A correction of a justerat paragraph is dated on or after its justering.',
  // The protocol machine's version 2: deadlines as due events, inhibition, late appeals, no appeal clock (h-proto2)
  JUSTERING_DEADLINE_NOT_PASSED:
    'The justering deadline has not passed yet (meeting + 14 days, moved to the next vardag).',
  ANSLAG_DEADLINE_NOT_PASSED: 'The anslag deadline has not passed yet (justering + 2 days, moved to the next vardag).',
  DEADLINE_PASSING_RECORDED: 'That the justering or anslag deadline passed is already recorded; it is recorded once.',
  INHIBITION_IN_FORCE:
    'The court has ordered inhibition: the decision must not be carried out until the court has judged.',
  INHIBITION_BEFORE_APPEAL: 'The court cannot order inhibition before the appeal arrived.',
  NO_INHIBITION_IN_FORCE: 'No inhibition of the decision is in force; there is nothing to lift.',
  INHIBITION_LIFTED_BEFORE_ORDER: 'An inhibition is lifted on or after the day it was ordered.',
  NO_LATE_APPEAL_PENDING: 'No appeal recorded as late awaits the court’s decision.',
  DECISION_INHIBITED:
    'The decision is stopped by the court’s inhibition; it drives nothing new until lifted or judged.',
  DECISION_NOT_IN_SUBSTANCE:
    'The matter was bordlagt or återremitterat in this paragraph: no decision in substance exists to drive a workflow.',
  // The collaboration's settings (D1)
  REASON_REQUIRED: 'A change of settings states its reason.',
  NOTHING_CHANGED: 'A change of settings changes at least one setting (collaboration version 2).',
  // Decision records review (R-H15, R-K6)
  PROTOKOLLSANTECKNING_NOT_ALLOWED: 'A protokollsanteckning is recorded only when the chair allowed it (R-H15).',
  DIARIENUMMER_OTHER_CASE:
    "A diarienummer names one case in its municipality's diarium; another case under it is refused (R-K6).",
  // Amendments of the declaration and each collaboration's own rules (R-D1..R-D5, D2..D4; machines/amendment)
  NO_EXIT_RULE: 'The collaboration has recorded no exit rule (its declaration states none); no exit can be requested.',
  NOT_COMPETENT: 'Samverkansrådet and KDG cannot approve an amendment of the declaration (R-D5).',
  NOT_PARTY_ON_DATE: 'The municipality was not a party on the date of its approval, so its approval does not count.',
  AMENDMENT_ALREADY_APPROVED: 'The party’s approval of the amendment is already recorded and stands.',
  ORGANISATION_ALREADY_SIGNED: 'The organisation’s signature of the declaration is already recorded.',
  // Collaboration areas (R-F1..R-F6, R-J5, §4.2 G1..G6)
  AREA_TOO_FEW_PARTICIPANTS: 'An area is proposed with at least two participating municipalities (R-F1).',
  AREA_NOT_A_LEGAL_FORM: 'A network is not a legal form; an area is formalised in one of the KL forms (R-F3).',
  AREA_NO_GOVERNING_DOCUMENT:
    'An existing collaboration is registered into operation with its governing document (G6).',
  AREA_HOST_NOT_PARTICIPANT: 'The host municipality is one of the municipalities that take part.',
  AREA_NO_KDG_ASSIGNMENT: 'The förstudie starts on an assignment (uppdrag) from KDG (G1).',
  AREA_COUNCIL_NOT_INFORMED: 'Samverkansrådet is informed before the förstudie starts (G1).',
  AREA_REPORT_MISSING:
    'The decisions are prepared on the förstudie report: form analysis, legal form, cost model (G2).',
  AREA_NOT_PARTICIPANT: 'The municipality is not a participant of the area.',
  AREA_ALREADY_DECIDED: 'The participant has already decided; one decision per participant.',
  AREA_OUTSIDE_COLLABORATION:
    'Fewer than two active parties of the collaboration take part, so the area is outside it (R-F1, G3, R-C9).',
  AREA_LEGAL_FORM_CHANGED: 'The formalised legal form is not the one the municipalities decided on (R-J5).',
  AREA_SIGNER_NOT_PARTICIPANT: 'The agreement is signed for a municipality that does not take part.',
  AREA_DOCUMENT_NOT_GOVERNING: 'The signed version is not a governing document of the area.',
  AREA_SIGNATORY_AUTHORITY_MISSING:
    'An area agreement is signed by an authorised signatory, with the authority stated (R-F6).',
  AREA_NOT_ALL_SIGNED: 'Operation starts once the agreement is signed for every participant that takes part.',
  // The legal forms as the law writes them (R-J1..R-J4, R-J6; area@3)
  AREA_FORM_DOCUMENT_MISSING:
    'The legal form is formalised with the documents the law names for it (R-J1 förbundsordning, R-J2 överenskommelse and reglemente, R-J3 avtal, R-J4 bolagsordning and ägardirektiv).',
  AREA_FORMATION_BEFORE_ADOPTION:
    'A kommunalförbund is formed no earlier than the day the last member’s fullmäktige adopted the förbundsordning (R-J1).',
  AREA_CHANGE_NOT_APPROVED_BY_ALL:
    'A change of a kommunalförbund takes effect only when every member’s fullmäktige approved it (R-J1).',
  AREA_FORBUND_BODY_MISSING: 'A kommunalförbund has a förbundsfullmäktige or a förbundsdirektion (R-J1).',
  AREA_MEMBER_NOT_REPRESENTED:
    'Every member is represented: in a kommunalförbund by a ledamot and an ersättare, in a gemensam nämnd by a ledamot (R-J1, R-J2).',
  AREA_AVTALSSAMVERKAN_BEFORE_2018: 'Avtalssamverkan under KL 9 kap. 37 § exists only since 2018-07-01 (R-J3).',
  AREA_COMPANY_PURPOSE_MISSING:
    'A jointly owned company’s kommunala ändamål, as fullmäktige fastställer it in the bolagsordning, is stated (R-J4).',
  AREA_COMPANY_AUTHORITY_WITHOUT_BASIS:
    'Myndighetsutövning is handed to a company only with support in law, and the law is named (R-J4, KL 10 kap. 1 §).',
  AREA_DECLARATION_NOT_A_FORM:
    'The declaration (avsiktsförklaring) is none of the legal forms; no legal effect is derived from it (R-J6).',
  // The verksamhetsplan and Samverkansrådet (R-D6..R-D8, R-E1..R-E3, R-G8)
  PLAN_PERIOD_REVERSED: 'A verksamhetsplan version ends before it begins.',
  DUPLICATE_FOCUS_AREA: 'Two focus areas of one plan version have the same key.',
  UNKNOWN_PLAN_VERSION: 'The plan has no version with this number.',
  COUNCIL_NOT_INFORMED:
    'KDG adopts a plan version only after Samverkansrådet was informed of that very version (R-D7).',
  PLAN_PERIODS_OVERLAP: 'Two adopted plans of one collaboration are never in force on the same day (R-D8).',
  FOCUS_AREA_NOT_IN_PLAN: 'A KDG assignment names a focus area of the operational plan in force on its date (R-D8).',
  PLAN_VERSION_ALREADY_ADOPTED: 'The plan version is adopted already; a revision is a new version.',
  PLAN_ADOPTION_OUT_OF_ORDER: 'A plan version is adopted after the version adopted before it.',
  KSO_HAS_NO_EQUIVALENT:
    "The council's KSO seat has no 'or equivalent'; that applies to the oppositionsråd seat (R-E1).",
  SEAT_CHANGE_OUT_OF_ORDER: 'A new holder of a council seat takes it after the date the holder before took it.',
  UNKNOWN_COUNCIL_MEETING: 'The council record names a meeting the council does not have.',
  RECORD_BEFORE_MEETING: 'A record of a council meeting is not dated before the meeting.',
  // Cost sharing: cost rules, invoice runs and credits (R-G1..R-G8, R-K9, D11)
  SHARES_EXCEED_100: 'The invoiced shares of a cost rule add up to more than 100 % (R-G3).',
  NOT_A_PARTY:
    'The municipality is not a party of the cost rule or of its scope, or is its host, never invoiced (R-G4).',
  PERIOD_BEFORE_START: 'The invoiced period starts before the cost rule does.',
  PERIOD_AFTER_END: 'The invoiced period ends after the cost rule does.',
  COSTS_DO_NOT_MATCH_PERIOD: 'The costs of a run are one amount for the period or one for each of its months, in öre.',
  PERIOD_ALREADY_INVOICED: 'The period is already invoiced to the party; credit that invoice first (never edited).',
  NO_SUCH_INVOICE: 'The cost rule has no invoice of this number.',
  CREDIT_BEFORE_INVOICE: 'A credit is dated on or after the invoice it credits.',
  CREDIT_EXCEEDS_INVOICE: 'A credit is more than 0 and at most what remains of the invoice.',
  END_BEFORE_START: 'A cost rule cannot end before the month it starts.',
  INVOICED_AFTER_END: 'An invoice stands for months after the end; credit it before ending the rule.',
  // Gallring of personal data (h-gallring): R-K8, R-K9
  GALLRING_WITHOUT_DECISION:
    'Personal data is removed only under a gallringsbeslut, named by diarienummer and date (R-K8).',
  GALLRINGSBESLUT_IN_FUTURE: 'The gallringsbeslut is dated after the gallring (R-K8).',
  PERSONAL_DATUM_NEEDED: 'The record still needs the personal datum: its protocol has not settled (R-K9).',
  PERSONAL_DATUM_ALREADY_REMOVED: 'The personal datum is already removed, under the decision named (R-K9).',
  PERSONAL_DATUM_IN_CHAIN:
    'The record was written before personal data was committed by a salted hash; its names cannot be removed (R-K9).',
  PERSONAL_DATUM_NOT_NAMED: 'The record does not name that person (R-K9).',
  // The protocol as clerks keep it: tjänstgöring per paragraph, several questions, a matter that goes on (issue 11, 1–3)
  SERVES_TWICE: 'A member is named twice in the tjänstgöring of one paragraph (R-H20).',
  SERVES_FOR_MISSING: 'A serving ersättare names the ledamot it serves for ("tjänstgör för", R-H20).',
  SERVES_FOR_INVALID:
    'An ersättare serves for one ledamot who does not serve in the paragraph, one per ledamot (R-H20).',
  TOO_MANY_SERVING: 'More members serve in the paragraph than the body has seats (R-H20).',
  ERSATTARE_OUT_OF_ORDER: "An ersättare was called in before one who comes first in the body's order (R-H21).",
  JAV_GROUND_MISSING: 'A jäv in a paragraph that records its tjänstgöring names its jävsgrund (R-H4).',
  JAV_GROUND_NOT_FOR_BODY: 'The jävsgrund is not one of the law that body is under (KL 5 kap. or 6 kap. 28 §, R-H4).',
  JAVIG_SERVES: 'A jävig member does not serve in the paragraph of the matter (R-H4).',
  DECISION_METHOD_MISSING: 'A question that was decided says how: acklamation or the vote (R-H5).',
  MOVER_NOT_PARTICIPANT: 'Återremiss or bordläggning is moved by a member who takes part in the paragraph (R-H6).',
  DECIDED_AFTER_GRANTED_MOTION:
    'A matter sent back or tabled is not decided, nor asked further, in that paragraph (R-H6).',
  MINORITY_RIGHT_ONLY_IN_FULLMAKTIGE: 'Only in fullmäktige can a minority have a matter sent back or tabled (R-H16).',
  MINORITY_RIGHT_NOT_IN_ELECTIONS:
    'The minority right of återremiss and bordläggning does not apply to elections (R-H16).',
  MINORITY_TOO_FEW:
    'Fewer than a third of the members present asked for the minority återremiss or bordläggning (R-H16).',
  MINORITY_REQUEST_NOT_GRANTED: 'A request of a third of the members present is granted, never refused (R-H16).',
  ATERREMISS_REASON_MISSING: 'A minority återremiss carries the reason its requesters give (R-H16).',
  MINORITY_RIGHT_USED: 'The minority right was used once in this matter already; a majority is needed now (R-H16).',
  CONTINUED_MATTER_NEEDS_DIARIENUMMER: 'A matter sent back or tabled goes on under its diarienummer (R-H22).',
  CONTINUATION_NOT_LATER: 'A matter sent on continues at a later meeting than the one that sent it on (R-H22).',
  KONTRAPROPOSITION_MISSING:
    'With more than two proposals and a vote, the kontrapropositionsvotering is recorded (R-H8).',
  KONTRAPROPOSITION_INVALID:
    'A kontrapropositionsvotering needs three proposals and picks a motförslag other than the huvudförslag (R-H8).',
  HUVUDVOTERING_WRONG_PROPOSALS: 'The huvudvotering puts the huvudförslag against the motförslag (R-H8).',
  // Not taking part in a decision (R-H12) and meetings open to the public (R-H18)
  NOT_PARTICIPATING_NOT_SERVING:
    'Only a serving, non-jävig member announces that they do not take part in a decision (R-H12).',
  NOT_PARTICIPATING_VOTED:
    'A member who announced before the question was put not to take part does not vote ja or nej in it (R-H12).',
  MUST_TAKE_PART_IN_MYNDIGHETSUTOVNING:
    'In myndighetsutövning mot enskild a member who took part in the handling may not abstain or stay out (R-H12).',
  FULLMAKTIGE_MEETS_IN_PUBLIC: 'Fullmäktige’s meetings are public; one is not recorded as closed (R-H18).',
  OPEN_MEETING_NOT_ALLOWED:
    'A nämnd’s meeting is open to the public only when fullmäktige has allowed it, as the body records (R-H18).',
  // Secrecy and openness (issue 11 §8): R-K7, R-K10
  SECRECY_PROVISION_INVALID: 'A secrecy marking names its provision of OSL with chapter and section (R-K7).',
  SECRECY_FIELD_UNKNOWN: 'The paragraph has no such text that can be marked secret (R-K7).',
  SECRECY_ALREADY_MARKED: 'The text, or the whole paragraph, is already marked secret (R-K7).',
  SECRECY_TEXT_IN_CHAIN:
    'The paragraph was recorded before its texts were kept beside the log; a marking cannot keep them secret (R-K7).',
  // Lifting a marking after a sekretessprövning (issue 12 §3): R-K13
  SECRECY_NOT_MARKED: 'There is no marking in force of that text, or of the whole paragraph, to lift (R-K13).',
  SECRECY_ALREADY_LIFTED: 'The marking was lifted already by an earlier sekretessprövning (R-K13).',
  SECRECY_LIFTED_BEFORE_MARKED: 'A sekretessprövning lifts a marking on or after the day it was made (R-K13).',
  EXTRACT_NOT_JUSTERAT:
    'A paragraph not yet justerat is a draft: no extract of it is handed out as an allmän handling (R-K10).',
} as const;

export type RuleCode = keyof typeof RULE_CODES;
