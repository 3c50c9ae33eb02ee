import { orgContract } from '../../core/contracts/org';
import { createFunction } from '../_lib/router';
import { listCommunities, listUnits, tree } from './tree';
import { appointAdmin, listAdmins, revokeAdmin, searchMembers } from './admins';
import { confirmMember, unitInvite, unitMembers } from './unit-members';
import { coverage } from './coverage';
import { revealPhone } from './reveal';

/** `org`: territory and units, admin appointments, unit membership, coverage (报到率). */
export const main = createFunction(orgContract, {
  listCommunities,
  tree,
  listUnits,
  appointAdmin,
  revokeAdmin,
  listAdmins,
  searchMembers,
  revealPhone,
  unitInvite,
  unitMembers,
  confirmMember,
  coverage,
});
