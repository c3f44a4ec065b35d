import { useEffect } from 'react';

/** Sets the browser tab title: "<page> · Desk Pilkada". */
export function useTitle(title: string | undefined): void {
  useEffect(() => {
    document.title =
      title === undefined || title === '' ? 'Desk Pilkada' : `${title} · Desk Pilkada`;
  }, [title]);
}
