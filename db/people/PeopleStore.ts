import type { ChangeContext } from '../types.js';

/** Someone Rota has talked to: the e-mail/UPN rotation files use, and what Teams calls them. */
export interface Person {
  email: string;
  aadObjectId?: string;
  teamsId?: string;
  displayName?: string;
  reminders: boolean;
  /** Minutes before each on-duty stretch to remind them (`remind 1d 2h`); undefined: the default, 24 h. */
  reminderLeads?: number[];
}

/** The identity cache (what Teams told us about each person) and their reminder settings. */
export interface PeopleStore {
  personByAadId(aadObjectId: string): Promise<Person | undefined>;
  personByTeamsId(teamsId: string): Promise<Person | undefined>;
  /** The people known among `emails`, by lower-case e-mail. */
  people(emails: string[]): Promise<Map<string, Person>>;
  /** Caches what Teams told us; ids move to the newest e-mail if a person's UPN changed. */
  rememberPerson(p: Omit<Person, 'reminders'>, now: number): Promise<void>;
  /** On with `leads` (minutes; none: the default 24 h), or off (the chosen leads stay for the record). */
  setReminders(email: string, on: boolean, ctx: ChangeContext, leads?: number[]): Promise<void>;
}
