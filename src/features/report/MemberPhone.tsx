import { api } from '../../api/client';
import { PhoneReveal } from '../../components';

/** A member's masked phone in an admin list; 查看 reveals it through the logged single-member action. */
export function MemberPhone({ openid, masked }: { openid: string; masked: string }) {
  return <PhoneReveal masked={masked} reveal={async () => (await api.org.revealPhone({ openid })).phone} />;
}
