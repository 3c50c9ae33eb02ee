import Taro from '@tarojs/taro';

/** Mini-program: download to a temp path, then open it in WeChat's document viewer (share / save from its menu). */
export async function openFile(url: string, fileName: string): Promise<void> {
  const res = await Taro.downloadFile({ url });
  if (res.statusCode !== 200) throw new Error(`下载失败（${res.statusCode}）`);
  const fileType = fileName.endsWith('.pdf') ? 'pdf' : 'xlsx';
  await Taro.openDocument({ filePath: res.tempFilePath, fileType, showMenu: true });
}
