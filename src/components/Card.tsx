import { View, Text } from '@tarojs/components';
import type { ReactNode } from 'react';
import './Card.scss';

export interface CardProps {
  title?: ReactNode;
  /** right side of the header, e.g. a StatusTag or "查看全部" */
  extra?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  onClick?: () => void;
  className?: string;
}

/** White rounded block on the grey page background; the unit every page is built from. */
export function Card({ title, extra, children, footer, onClick, className }: CardProps) {
  return (
    <View className={`sbd-card${onClick ? ' sbd-card--tap' : ''}${className ? ` ${className}` : ''}`} onClick={onClick} hoverClass={onClick ? 'sbd-card--hover' : 'none'}>
      {(title || extra) && (
        <View className='sbd-card__head'>
          {typeof title === 'string' ? <Text className='sbd-card__title'>{title}</Text> : title}
          {extra && <View className='sbd-card__extra'>{extra}</View>}
        </View>
      )}
      {children !== undefined && <View className='sbd-card__body'>{children}</View>}
      {footer && <View className='sbd-card__foot'>{footer}</View>}
    </View>
  );
}
