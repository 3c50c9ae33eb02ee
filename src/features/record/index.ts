export { TimelineLines } from './Timeline';
export { openFile } from './openFile';
export { CertificateCard } from './CertificateCard';
export { LetterCard } from './LetterCard';
export { FormActions } from './FormActions';
export { LetterPdfButton } from './LetterPdfButton';
