export { PageState, Skeleton, type PageStateProps } from './PageState';
export { EmptyState, type EmptyIcon } from './EmptyState';
export { Card, type CardProps } from './Card';
export { SectionTitle } from './SectionTitle';
export { StatusTag, STATUS, type Tone } from './StatusTag';
export { ListFooter, type ListFooterProps } from './ListFooter';
export { usePagedList, type PagedList } from './usePagedList';
export { confirm, toastError, toastSuccess, type ConfirmOptions } from './feedback';
export { PhoneReveal } from './PhoneReveal';
