import { uploadFile } from '../../api/upload';

/** Photo upload for pledges and wishes: the app's one upload client (cloud storage), answers the fileID. */
export function uploadPhoto(localPath: string, cloudPath: string): Promise<string> {
  return uploadFile(localPath, cloudPath);
}
