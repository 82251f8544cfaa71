import { Inject, Injectable } from '@nestjs/common';
import { Db } from '../database/db';
import { MunicipalityService } from '../municipality/municipality.service';
import { BodyEntity, MeetingEntity } from './decision.entities';
import { bodyView } from './decision.mapping';
import type { BodyView } from './meeting.views';

export interface MeetingListItem {
  id: string;
  date: string;
  place: string | null;
  body: BodyView;
}

/** A municipality's meetings (sammanträden) of all its bodies, newest first: the clerk's list to open one from. */
@Injectable()
export class MeetingList {
  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly municipalities: MunicipalityService,
  ) {}

  async of(code: string): Promise<MeetingListItem[]> {
    return this.db.read(async (tx) => {
      await this.municipalities.get(tx, code);
      const bodies = await tx.find(BodyEntity, { where: { municipalityCode: code } });
      const byId = new Map(bodies.map((b) => [b.id, bodyView(b)]));
      const meetings = await tx.find(MeetingEntity, {
        where: { municipalityCode: code },
        order: { date: 'DESC', createdAt: 'DESC' },
      });
      return meetings.map((m) => ({ id: m.id, date: m.date, place: m.place, body: byId.get(m.bodyId)! }));
    });
  }
}
