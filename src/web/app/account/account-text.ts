/**
 * The account screens' strings in the app's language.
 *
 * @example const a = useAccountText(); a.settings.title
 */
import { useApp } from '../shell/context.js';
import { ACCOUNT_MESSAGES, type AccountMessages } from './messages.js';

export function useAccountText(): AccountMessages {
  return ACCOUNT_MESSAGES[useApp().locale];
}
