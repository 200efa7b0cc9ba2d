/**
 * The diary's strings in the app's language.
 *
 * @example const dm = useDiaryText(); dm.diary.home.list
 */
import { useApp } from '../shell/context.js';
import { DIARY_MESSAGES, type DiaryMessages } from './messages.js';

export function useDiaryText(): DiaryMessages {
  return DIARY_MESSAGES[useApp().locale];
}
