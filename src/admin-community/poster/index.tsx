import { View, Text, Image, Button } from '@tarojs/components';
import Taro, { useShareAppMessage } from '@tarojs/taro';
import { api, useQuery } from '../../api';
import { Card, PageState } from '../../components';
import { openableLink, shareLink, SHARE_IN_PAGE } from '../../features/report/shareLink';
import { useAdminScope } from '../../features/report';
import '../../features/report/report.scss';

/** 报到二维码: a printable poster with the community's mini-program code (scene `c=<communityId>`). */
export default function Poster() {
  const scope = useAdminScope(['community']);
  const id = scope.scopeId;
  const q = useQuery(() => (id ? api.report.posterCode({ communityId: id }) : Promise.resolve(null)), [id]);
  const d = q.data;
  const link = d ? openableLink(d.link) : '';
  const title = d ? `${d.communityName}：在职党员到社区报到` : '';
  // weapp 转发: the share card opens the report page with this community's code
  useShareAppMessage(() => ({ title, path: d?.link ?? '/pages/index/index' }));
  const share = async () => {
    const how = await shareLink(link, title);
    if (how === 'copied') void Taro.showToast({ title: '链接已复制，可粘贴发给党员', icon: 'none' });
  };
  const copy = async () => {
    await Taro.setClipboardData({ data: link });
    void Taro.showToast({ title: '链接已复制', icon: 'none' });
  };
  const save = async () => {
    if (!d) return;
    if (process.env.TARO_ENV === 'h5') {
      const a = document.createElement('a');
      a.href = d.image;
      a.download = `${d.communityName}-报到码.png`;
      a.click();
      return;
    }
    try {
      const fs = Taro.getFileSystemManager();
      const filePath = `${Taro.env.USER_DATA_PATH}/report-code-${d.communityId}.png`;
      fs.writeFileSync(filePath, d.image.split(',')[1], 'base64');
      await Taro.saveImageToPhotosAlbum({ filePath });
      void Taro.showToast({ title: '已保存到相册', icon: 'success' });
    } catch {
      void Taro.showToast({ title: '保存失败，请允许保存到相册', icon: 'none' });
    }
  };
  return (
    <View className='sbd-page'>
      <PageState loading={scope.loading || q.loading} error={scope.error ?? q.error} onRetry={q.reload} empty={!id} emptyText='您不是社区管理员'>
        {d && (
          <View>
            <View className='rf-poster'>
              <Text className='rf-poster__title'>在职党员到社区报到</Text>
              <Text className='rf-poster__sub'>{d.communityName}</Text>
              <View className='rf-poster__code'>
                <Image className='rf-poster__img' style={{ width: '240px', height: '240px' }} src={d.image} mode='scaleToFill' showMenuByLongpress />
              </View>
              <Text className='rf-poster__tip'>微信扫一扫，亮身份、报到服务社区</Text>
            </View>
            <Button className='rf-btn' onClick={() => void save()}>
              保存图片用于打印
            </Button>
            <Card title='报到链接'>
              <Text className='rf-hint' selectable>{link}</Text>
              <View className='rf-btn-row'>
                {SHARE_IN_PAGE ? (
                  <Button className='rf-mini' size='mini' openType='share'>
                    转发给党员
                  </Button>
                ) : (
                  <Button className='rf-mini' size='mini' onClick={() => void share()}>
                    分享链接
                  </Button>
                )}
                <Button className='rf-mini rf-mini--ghost' size='mini' onClick={() => void copy()}>
                  复制链接
                </Button>
              </View>
            </Card>
          </View>
        )}
      </PageState>
    </View>
  );
}
