export const KeyRow = ({ last4 }: { last4: string }) => <span>sk_live_••••••••{last4}</span>;
