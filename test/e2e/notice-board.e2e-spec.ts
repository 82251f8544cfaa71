import { addDays, appealLastDay, toStockholmDate } from '../../machines/calendar/calendar';
import { decisionKit, ledamoter, restoreToday, setToday, testDatabaseKind, useTestApp } from './kit';
import { child, childrenNamed, parseXml, type XmlElement } from './kit/xml';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const ATOM = 'http://www.w3.org/2005/Atom';

/** The elements Atom 1.0 (RFC 4287) requires of a feed and of each entry, with dates in RFC 3339. */
function expectAtom(feed: XmlElement): XmlElement[] {
  expect(feed.name).toBe('feed');
  expect(feed.attrs.xmlns).toBe(ATOM);
  for (const name of ['id', 'title', 'updated']) expect(child(feed, name)?.text.trim()).toBeTruthy();
  expect(child(feed, 'updated')!.text).toMatch(RFC3339);
  const entries = childrenNamed(feed, 'entry');
  // RFC 4287 4.1.1: a feed without an author needs one in every entry; this one names the municipality.
  expect(child(child(feed, 'author')!, 'name')?.text).toBeTruthy();
  expect(childrenNamed(feed, 'link').find((l) => l.attrs.rel === 'self')?.attrs.href).toMatch(/\/flode\.atom$/);
  for (const e of entries) {
    for (const name of ['id', 'title', 'updated']) expect(child(e, name)?.text.trim()).toBeTruthy();
    expect(child(e, 'id')!.text).toMatch(/^tag:/);
    expect(child(e, 'updated')!.text).toMatch(RFC3339);
    expect(childrenNamed(e, 'link').find((l) => l.attrs.rel === 'alternate')?.attrs.href).toMatch(/^http/);
  }
  return entries;
}

// The public notice board (issue 12 §5, R-I4): the Atom feed a municipality's site embeds, and the board's pages.
describe(`the notice board and its Atom feed (${testDatabaseKind()})`, () => {
  const ctx = useTestApp({ seed: 'demo' });
  const today = toStockholmDate(new Date().toISOString());
  const lastDay = appealLastDay(today).date;
  const feed = (path = '/anslagstavla/mellerud/flode.atom') => ctx.http.get(path);

  beforeAll(async () => {
    const kit = decisionKit(ctx);
    const meetingId = await kit.meeting('1461', { kind: 'KS', date: today, memberCount: 9 });
    await kit.recorded('1461', meetingId, kit.para({ matter: { title: 'Ny taxa för bygglov' } }));
    await kit.justera('1461', meetingId, today);
    await kit.anslå('1461', meetingId, today);
    // A meeting record is of a held meeting (its date not after today): a coming KF meeting is recorded on its day.
    const kf = await kit.body('1461', 'KF', 31, 'Kommunfullmäktige');
    setToday(ctx, addDays(today, 10));
    const res = await kit.post(
      `/bodies/${kf}/meetings`,
      { date: addDays(today, 10), place: 'Kommunhuset', attendees: ledamoter(31) },
      await kit.clerk('1461'),
    );
    expect(res.status).toBe(201);
    restoreToday(ctx);
  });

  it('answers valid Atom 1.0 with its content type, the posted notice as an entry with its appeal date', async () => {
    const res = await feed();
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['set-cookie']).toBeUndefined();
    const entries = expectAtom(parseXml(res.text));
    // The demo's notice of 2024 has long come down: only the one posted today is on the board.
    expect(entries).toHaveLength(1);
    expect(child(entries[0], 'title')!.text).toContain('KS');
    const summary = child(entries[0], 'summary')!.text;
    expect(summary).toContain('Ny taxa för bygglov');
    expect(summary).toContain(`Sista dag att överklaga: ${longSv(lastDay)}`);
    expect(Date.parse(child(entries[0], 'published')!.text)).toBeLessThanOrEqual(Date.now());
    // The municipality's code answers the same feed; English by ?lang=en.
    expect(expectAtom(parseXml((await feed('/anslagstavla/1461/flode.atom')).text))).toHaveLength(1);
    const en = parseXml((await feed('/anslagstavla/mellerud/flode.atom?lang=en')).text);
    expect(en.attrs['xml:lang']).toBe('en');
    expect(child(childrenNamed(en, 'entry')[0], 'summary')!.text).toContain('Last day to appeal');
  });

  it('shows the notice, the coming KF meeting and how to appeal, without sign-in or cookies', async () => {
    const res = await ctx.http.get('/anslagstavla/mellerud');
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.text).toContain('Ny taxa för bygglov');
    expect(res.text).toContain('Kommunfullmäktige sammanträder');
    expect(res.text).toContain('laglighetsprövning');
    const archive = await ctx.http.get('/anslagstavla/mellerud/arkiv');
    expect(archive.text).not.toContain('Ny taxa för bygglov');
    expect(archive.text).toContain('Protokoll från Socialnämnden');
  });

  it('after the appeal period the notice is gone from the board and the feed, and in the archive', async () => {
    setToday(ctx, addDays(lastDay, 1));
    expect(expectAtom(parseXml((await feed()).text))).toHaveLength(0);
    const board = await ctx.http.get('/anslagstavla/mellerud');
    expect(board.text).not.toContain('Ny taxa för bygglov');
    expect(board.text).toContain('laglighetsprövning');
    const archive = await ctx.http.get('/anslagstavla/mellerud/arkiv');
    expect(archive.text).toContain('Ny taxa för bygglov');
    // On its last day it was still up.
    setToday(ctx, lastDay);
    expect(expectAtom(parseXml((await feed()).text))).toHaveLength(1);
  });

  it('answers 404 as a board page for a municipality it does not know', async () => {
    const res = await ctx.http.get('/anslagstavla/atlantis/flode.atom');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
  });
});

const MONTHS = 'januari februari mars april maj juni juli augusti september oktober november december'.split(' ');
function longSv(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}
