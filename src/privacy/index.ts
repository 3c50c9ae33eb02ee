export { PrivacyPopup, type PrivacyPopupProps } from './PrivacyPopup';
export { listenPrivacy, h5Agreed, resetH5Consent } from './state';
