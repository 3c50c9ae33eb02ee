import type { SeedStep } from './types';
import { putAll } from './write';

/** 锦华区 → 2 streets → 4 communities, 3 work units with invite codes, 4 fixed admins. */
export const orgsStep: SeedStep = {
  name: 'orgs',
  async run({ db, data }) {
    return {
      orgs: await putAll(db, 'orgs', data.orgs),
      units: await putAll(db, 'units', data.units),
      admins: await putAll(db, 'admins', data.admins),
    };
  },
};
