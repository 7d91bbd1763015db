import type { Scenario } from '../../model/types.ts';
import type { UiKey, UiStrings } from '../../contract.ts';

export type { UiKey } from '../../contract.ts';

const STRINGS: Record<string, Record<UiKey, string>> = {
  en: {
    open: 'Open chat',
    close: 'Close chat',
    send: 'Send',
    done: 'Done',
    answer: 'Your answer',
    title: 'Chat',
    oops: 'Sorry, something went wrong on our side. Please try again later.',
    retry: "That doesn't look right. Please check and try again.",
    restart: 'This chat was updated, so we are starting over.',
    noagent: 'Our team could not join right now. Let me help you in the meantime.',
    joined: '%s joined the chat',
    rate: 'How would you rate the help you got?',
    skip: 'No, thanks',
  },
  uk: {
    open: 'Відкрити чат',
    close: 'Закрити чат',
    send: 'Надіслати',
    done: 'Готово',
    answer: 'Ваша відповідь',
    title: 'Чат',
    oops: 'Вибачте, у нас щось пішло не так. Спробуйте пізніше.',
    retry: 'Схоже, тут помилка. Перевірте й спробуйте ще раз.',
    restart: 'Цей чат оновився, тож починаємо спочатку.',
    noagent: 'Наша команда зараз не може приєднатися. Поки що я допоможу вам сам.',
    joined: '%s приєднується до чату',
    rate: 'Як ви оцінюєте допомогу?',
    skip: 'Ні, дякую',
  },
  ru: {
    open: 'Открыть чат',
    close: 'Закрыть чат',
    send: 'Отправить',
    done: 'Готово',
    answer: 'Ваш ответ',
    title: 'Чат',
    oops: 'Извините, у нас что-то пошло не так. Попробуйте позже.',
    retry: 'Похоже, здесь ошибка. Проверьте и попробуйте ещё раз.',
    restart: 'Этот чат обновился, поэтому начинаем сначала.',
    noagent: 'Наша команда сейчас не может подключиться. Пока я помогу вам сам.',
    joined: '%s присоединяется к чату',
    rate: 'Как вы оцениваете помощь?',
    skip: 'Нет, спасибо',
  },
};

/** The languages the widget ships: English, Ukrainian, Russian. */
export const UI_LANGUAGES = Object.keys(STRINGS);

/** The languages a scenario speaks: its locale and every language of its per-language texts. */
export function scenarioLanguages(scenario: Scenario): string[] {
  const found = new Set<string>([(scenario.locale ?? 'en').slice(0, 2)]);
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      const keys = Object.keys(v);
      if (
        keys.length &&
        keys.every((k) => /^[a-z]{2}(-[A-Za-z]{2})?$/.test(k)) &&
        Object.values(v).every((x) => typeof x === 'string')
      ) {
        for (const k of keys) found.add(k.slice(0, 2));
      } else Object.values(v).forEach(visit);
    }
  };
  scenario.nodes.forEach(visit);
  return [...found];
}

/**
 * UI strings for the scenario's languages (the UI speaks what the bot speaks; English when the
 * bot's languages are not shipped), limited to the keys its node types can show.
 */
export function uiStrings(scenario: Scenario, uses: Set<string>, needsFail: boolean): UiStrings {
  const keys: UiKey[] = ['open', 'close', 'send', 'answer', 'restart'];
  if (!scenario.settings?.theme?.title) keys.push('title');
  if (uses.has('input')) keys.push('retry');
  if (scenario.nodes.some((n) => n.type === 'choice' && n.multiple)) keys.push('done');
  if (needsFail) keys.push('oops');
  if (uses.has('handoff')) keys.push('noagent', 'joined');
  const langs = scenarioLanguages(scenario).filter((l) => STRINGS[l]);
  const out: UiStrings = {};
  for (const l of langs.length ? langs : ['en']) out[l] = Object.fromEntries(keys.map((k) => [k, STRINGS[l][k]]));
  return out;
}

/** A UI string as a compiled Text: a per-language map over the scenario's languages, for data the widget shows like scenario text. */
export function uiText(scenario: Scenario, key: UiKey, locale: string): string | Record<string, string> {
  const langs = scenarioLanguages(scenario).filter((l) => STRINGS[l]);
  if (langs.length < 2) return STRINGS[langs[0] ?? (STRINGS[locale] ? locale : 'en')][key];
  return Object.fromEntries(langs.map((l) => [l, STRINGS[l][key]]));
}
