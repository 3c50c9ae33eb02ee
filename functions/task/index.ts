/**
 * Cloud function `task`: the three lists, volunteer tasks, signups with a waitlist, on-site
 * sign-in/out with a rotating code, attendance confirmation and service hours.
 * Each action lives in the file of its group; this file only wires them to the contract.
 */
import { taskContract } from '../../core/contracts/task';
import { createFunction } from '../_lib/router';
import { attendance, recordAttendance, signIn, signinCode, signOut } from './attendance';
import { confirmAttendance } from './confirm';
import { listNeeds, listProjects, listResources, saveNeed, saveProject } from './lists';
import { getTask, history, listTasks, myTasks } from './member';
import { addMember, candidates, cancelSignup, signup } from './signups';
import { cancel, listAdminTasks, publish, saveTask } from './tasks';

export const main = createFunction(taskContract, {
  listNeeds, saveNeed, listResources, listProjects, saveProject,
  listAdminTasks, saveTask, publish, cancel, addMember, candidates,
  signinCode, attendance, recordAttendance, confirmAttendance,
  listTasks, getTask, signup, cancelSignup, signIn, signOut, myTasks, history,
});
