/** A team owner as Graph lists them (`GET /groups/{id}/owners`), identities in lower case. */
export interface TeamOwner {
  userId: string;
  upn: string;
  mail?: string;
}

/** Who owns each team a rotation names, as the sync last read it (team owners are the rotations' admins in chat). */
export interface TeamOwnerStore {
  /** Replaces a team's owners in one transaction (an empty list means the team has none now). */
  replace(teamId: string, owners: TeamOwner[], now: number): Promise<void>;
  /** Forgets the owners of every team not in `teamIds` (no rotation names it any more). */
  keepOnly(teamIds: string[]): Promise<void>;
  owners(teamId: string): Promise<TeamOwner[]>;
  /** Team id → the owners' e-mail addresses and UPNs (lower case, each once): what rotation files and chat compare. */
  emailsByTeam(): Promise<Map<string, string[]>>;
}
