import { memberContract } from '../../core/contracts/member';
import { createFunction } from '../_lib/router';
import { consentPrivacy, getProfile, leaveUnit, joinUnit, saveProfile, whoami } from './profile';
import { inbox, noticePrefs, readInbox, recordSubscribe, setNoticePrefs, subscribeTemplates } from './inbox';

/** `member`: the caller's identity, profile, unit membership, privacy consent and inbox. */
export const main = createFunction(memberContract, {
  whoami,
  getProfile,
  saveProfile,
  consentPrivacy,
  joinUnit,
  leaveUnit,
  inbox,
  readInbox,
  recordSubscribe,
  subscribeTemplates,
  noticePrefs,
  setNoticePrefs,
});
