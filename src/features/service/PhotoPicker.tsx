import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { toastError } from '../../components';
import { uploadPhoto } from './upload';
import './service.scss';

interface Props {
  /** cloud fileIDs */
  value: string[];
  /** display urls for `value` (temporary links from the function), by position */
  urls?: string[];
  onChange?: (fileIDs: string[]) => void;
  /** cloud folder, e.g. `wish` */
  folder?: string;
  max?: number;
  readOnly?: boolean;
}

/** Thumbnails of uploaded photos and a 「+ 照片」 tile: choose → upload to cloud storage → fileID. */
export function PhotoPicker({ value, urls, onChange, folder = 'photos', max = 9, readOnly }: Props) {
  const [local, setLocal] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const pick = async () => {
    if (busy) return;
    let chosen: string[];
    try {
      const res = await Taro.chooseImage({ count: max - value.length, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
      chosen = res.tempFilePaths;
    } catch {
      return; // cancelled
    }
    setBusy(true);
    try {
      const ids: string[] = [];
      const previews: Record<string, string> = {};
      for (const path of chosen) {
        const ext = /\.(png|jpe?g|gif|webp)$/i.exec(path)?.[1] ?? 'jpg';
        const id = await uploadPhoto(path, `${folder}/${Date.now()}-${Math.random().toString(36).slice(2, 8)}.${ext}`);
        ids.push(id);
        previews[id] = path;
      }
      setLocal((m) => ({ ...m, ...previews }));
      onChange?.([...value, ...ids]);
    } catch (err) {
      toastError(err);
    } finally {
      setBusy(false);
    }
  };
  const src = (id: string, i: number) => local[id] ?? urls?.[i] ?? id;
  return (
    <View className='svc-photos'>
      {value.map((id, i) => (
        <Image key={id} className='svc-photo' src={src(id, i)} mode='aspectFill' onClick={() => void Taro.previewImage({ urls: value.map(src), current: src(id, i) })}
          onLongPress={readOnly ? undefined : () => onChange?.(value.filter((x) => x !== id))} />
      ))}
      {!readOnly && value.length < max && (
        <View className='svc-photo-add' onClick={() => void pick()}><Text>{busy ? '上传中…' : '+ 照片'}</Text></View>
      )}
    </View>
  );
}
