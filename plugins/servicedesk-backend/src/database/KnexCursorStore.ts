import type { CursorStore } from './ServicedeskStore';
import { CURSORS, Db } from './tables';

export class KnexCursorStore implements CursorStore {
  constructor(private readonly db: Db) {}

  async lastAssignee(team: string): Promise<string | undefined> {
    const row = await this.db(CURSORS).where({ team }).first();
    return row?.last_assignee;
  }

  async setLastAssignee(team: string, user: string): Promise<void> {
    await this.db(CURSORS)
      .insert({ team, last_assignee: user })
      .onConflict('team')
      .merge({ last_assignee: user });
  }
}
