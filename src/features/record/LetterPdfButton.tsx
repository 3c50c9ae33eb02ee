import { Button } from '@tarojs/components';
import { api, useAction } from '../../api';
import { toastError } from '../../components';
import { openFile } from './openFile';

/** 下载 PDF of a sent letter (to file or print): rendered by the function, opened or saved here. */
export function LetterPdfButton({ id }: { id: string }) {
  const get = useAction(() => api.record.letterPdf({ id }), { onSuccess: (r) => void openFile(r.url, r.fileName).catch((e: Error) => toastError(e.message)) });
  return (
    <Button className='rf-mini rf-mini--ghost' size='mini' loading={get.loading} onClick={() => void get.run()}>
      下载 PDF
    </Button>
  );
}
