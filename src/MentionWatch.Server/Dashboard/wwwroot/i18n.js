// Every UI string, in English and Russian; t(key) looks one up in the chosen language.
export const strings = {
  en: {
    language: 'Language', signIn: 'Sign in', signOut: 'Sign out', apiKey: 'API key', signInTitle: 'Sign in to MentionWatch',
    badKey: 'The key was not accepted.', signedInAs: 'Signed in as {name} ({role})',
    live: 'Live feed', search: 'Search', inbox: 'Inbox', trends: 'Trends', sources: 'Sources', watches: 'Watches',
    watch: 'Watch', any: 'Any', needsReply: 'Needs reply', sentiment: 'Sentiment', lang: 'Language', source: 'Source',
    negative: 'negative', neutral: 'neutral', positive: 'positive', yes: 'yes', no: 'no',
    pause: 'Pause', resume: 'Resume', paused: 'Paused', pausedHover: 'Paused while the pointer is over the list',
    connected: 'Live', connecting: 'Connecting…', query: 'Query', run: 'Search', more: 'Load more',
    invalidQuery: 'Invalid query', atPosition: 'at position {pos}', exportCsv: 'Export CSV', exportNdjson: 'Export NDJSON',
    noResults: 'Nothing found.', openAlerts: 'Open alerts', acknowledge: 'Acknowledge', resolve: 'Resolve',
    needsReplyMentions: 'Mentions that need a reply', state: 'State', title: 'Title', rule: 'Rule', opened: 'Opened', actions: 'Actions',
    volume: 'Volume by sentiment', shareOfVoice: 'Share of voice', interval: 'Interval', hour: 'hour', day: 'day', show: 'Show',
    name: 'Name', lastSuccess: 'Last success', lastError: 'Last error', fetched: 'Posts fetched', lag: 'Lag (s)', failures: 'Failures',
    ownHandles: 'Own handles (comma separated)', competitors: 'Competitors (comma separated)', create: 'Create watch', created: 'Created.',
    newWatch: 'New watch', total: 'Total', points: 'points', error: 'Error',
  },
  ru: {
    language: 'Язык', signIn: 'Войти', signOut: 'Выйти', apiKey: 'API-ключ', signInTitle: 'Вход в MentionWatch',
    badKey: 'Ключ не принят.', signedInAs: 'Вы вошли как {name} ({role})',
    live: 'Лента', search: 'Поиск', inbox: 'Входящие', trends: 'Тренды', sources: 'Источники', watches: 'Отслеживания',
    watch: 'Отслеживание', any: 'Любой', needsReply: 'Нужен ответ', sentiment: 'Тональность', lang: 'Язык', source: 'Источник',
    negative: 'негатив', neutral: 'нейтрально', positive: 'позитив', yes: 'да', no: 'нет',
    pause: 'Пауза', resume: 'Продолжить', paused: 'На паузе', pausedHover: 'Пауза, пока указатель над списком',
    connected: 'В эфире', connecting: 'Подключение…', query: 'Запрос', run: 'Искать', more: 'Ещё',
    invalidQuery: 'Неверный запрос', atPosition: 'в позиции {pos}', exportCsv: 'Экспорт CSV', exportNdjson: 'Экспорт NDJSON',
    noResults: 'Ничего не найдено.', openAlerts: 'Открытые оповещения', acknowledge: 'Принять', resolve: 'Закрыть',
    needsReplyMentions: 'Упоминания, ждущие ответа', state: 'Состояние', title: 'Заголовок', rule: 'Правило', opened: 'Открыто', actions: 'Действия',
    volume: 'Объём по тональности', shareOfVoice: 'Доля голоса', interval: 'Интервал', hour: 'час', day: 'день', show: 'Показать',
    name: 'Имя', lastSuccess: 'Последний успех', lastError: 'Последняя ошибка', fetched: 'Получено постов', lag: 'Задержка (с)', failures: 'Сбои',
    ownHandles: 'Свои аккаунты (через запятую)', competitors: 'Конкуренты (через запятую)', create: 'Создать', created: 'Создано.',
    newWatch: 'Новое отслеживание', total: 'Всего', points: 'точек', error: 'Ошибка',
  },
};

let current = localStorage.getItem('mw-lang') || 'en';
export const lang = () => current;
export function setLang(value) { current = strings[value] ? value : 'en'; localStorage.setItem('mw-lang', current); document.documentElement.lang = current; }
export function t(key, args = {}) {
  const text = strings[current][key] ?? strings.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k) => args[k] ?? '');
}
