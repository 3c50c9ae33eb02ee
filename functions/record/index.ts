/**
 * Cloud function `record` (记实档案): a member's service record as one timeline for the member,
 * their verified unit and their community; the xlsx export; service certificates (服务证明).
 * Each action lives in the file of its group.
 */
import { recordContract } from '../../core/contracts/record';
import { createFunction } from '../_lib/router';
import { communityCertificates, issueCertificate, myCertificates, requestCertificate, revokeCertificate, verifyCertificate } from './certificates';
import { answerOpinion, acknowledgeLetter, answerDispute, communityLetters, confirmLetters, disputeLetter, draftLetters, editLetter, letterPdf, myLetters, requestOpinion, runLetterTimer, unitLetters } from './letters';
import { toDate } from '../../core/domain/dates';
import { evaluate, evaluationRollup, evaluationsOf, evaluationTargets, myTaskRating, rateTask, residentCheck, residentCode, residentConfirm } from './evaluations';
import { exportRecords, exportStep, startExport } from './export';
import { timeline } from './timeline';

export const main = createFunction(recordContract, {
  timeline, exportRecords, startExport, exportStep,
  requestCertificate, myCertificates, communityCertificates, issueCertificate, revokeCertificate, verifyCertificate,
  draftLetters, myLetters, communityLetters, unitLetters, disputeLetter, answerDispute, editLetter, confirmLetters, acknowledgeLetter,
  requestOpinion, answerOpinion, letterPdf,
  rateTask, evaluate, evaluationsOf, evaluationRollup, evaluationTargets, myTaskRating, residentCode, residentCheck, residentConfirm,
}, {
  // daily: drafts last quarter's (and in January last year's) letters for every community
  onTimer: (event, ctx) => runLetterTimer({ ...ctx, now: toDate(event.Time) ?? ctx.now }),
});
