/**
 * Client upload to cloud storage: `uploadFile(localPathOrFile, cloudPath) → fileID` and
 * `tempFileUrls(fileIDs)`. Taro picks `upload.weapp.ts` or `upload.h5.ts` by build type; this file
 * only gives TypeScript (and jest) the mini-program version's types.
 */
export { uploadFile, tempFileUrls, UPLOAD_FAILED } from './upload.weapp';
