import type { SeedStep } from './types';
import { putAll } from './write';

/** 60 members (demo-member-1..60) plus the admins' own profiles, and their reports. */
export const peopleStep: SeedStep = {
  name: 'people',
  async run({ db, data }) {
    return {
      members: await putAll(db, 'members', data.members),
      reports: await putAll(db, 'reports', data.reports),
    };
  },
};
