import { defineMessages } from "../../i18n/define-messages.ts";

/** How the SLA policy names days and opening hours to customers (off-hours notices). */
export const slaMessages = defineMessages("sla", {
  en: {
    "day.mon": "Mon",
    "day.tue": "Tue",
    "day.wed": "Wed",
    "day.thu": "Thu",
    "day.fri": "Fri",
    "day.sat": "Sat",
    "day.sun": "Sun",
    "days.range": "{from}–{to}",
    "days.every": "every day",
    "days.weekdays": "Mon–Fri",
    "days.weekend": "Sat–Sun",
    "hours.open": "{days} {start}–{end}",
    "hours.separator": ", ",
    "hours.zoned": "{hours} {zone}",
  },
  ko: {
    "day.mon": "월",
    "day.tue": "화",
    "day.wed": "수",
    "day.thu": "목",
    "day.fri": "금",
    "day.sat": "토",
    "day.sun": "일",
    "days.range": "{from}–{to}",
    "days.every": "매일",
    "days.weekdays": "평일",
    "days.weekend": "주말",
    "hours.open": "{days} {start}–{end}",
    "hours.separator": ", ",
    "hours.zoned": "{hours} ({zone})",
  },
});
