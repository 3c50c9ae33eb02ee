/**
 * Photo upload for pledges and wishes. Goes through the app's one upload client (src/api/upload,
 * local cloud storage) once it exists; until then an upload fails with a clear message.
 */
export async function uploadPhoto(_localPath: string, _cloudPath: string): Promise<string> {
  throw Object.assign(new Error('照片上传暂不可用，请稍后再试'), { name: 'ApiError' });
}
