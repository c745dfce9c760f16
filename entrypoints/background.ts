import { startBackground } from '@/lib/background/main';

export default defineBackground(() => {
  void startBackground();
});
